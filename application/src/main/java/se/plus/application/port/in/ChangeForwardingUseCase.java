package se.plus.application.port.in;

import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.user.ForwardingKind;

/** Forwarding set or cleared explicitly (REST, JMS): the same rules as {@code *21*} / {@code #21}. */
public interface ChangeForwardingUseCase {

    /** {@code noAnswerDelaySeconds} changes the user's delay too (5–60 s; outside it: INVALID_TIME). */
    Outcome forward(Extension extension, ForwardingKind kind, PhoneNumber target, Optional<Integer> noAnswerDelaySeconds,
                    Actor actor);

    Outcome cancel(Extension extension, ForwardingKind kind, Actor actor);
}
