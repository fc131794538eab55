package se.plus.domain.outcome;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.User;

/**
 * How a plus-service code ended: done (with the state after it and what changed) or refused with a
 * reason. A refusal is a value, not an exception, and changes nothing.
 */
public sealed interface Outcome {

    Message message();

    /**
     * What an adapter makes of each kind of outcome: both must be said, so a third kind would not
     * compile until every adapter handles it (Java 17 has no exhaustive pattern switch).
     */
    <R> R fold(Function<Done, R> ifDone, Function<Refused, R> ifRefused);

    /**
     * The code took effect. {@code events} is empty when nothing changed (a status query, logging in
     * twice); {@code queueAfter} is present when the command concerned a queue. Whether something
     * changed is whether the user or the queue after differs from before (the application stores only then).
     */
    record Done(String service, String action, User userAfter, Optional<Queue> queueAfter,
                List<DomainEvent> events, Message message) implements Outcome {
        public Done {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(userAfter, "userAfter");
            Objects.requireNonNull(queueAfter, "queueAfter");
            events = List.copyOf(events);
            Objects.requireNonNull(message, "message");
        }

        @Override
        public <R> R fold(Function<Done, R> ifDone, Function<Refused, R> ifRefused) {
            return ifDone.apply(this);
        }
    }

    /** The code was refused; {@code detail} says why, in English, for logs and problem+json. */
    record Refused(OutcomeCode code, String detail, Message message) implements Outcome {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(message, "message");
        }

        public Refused(OutcomeCode code, String detail) {
            this(code, detail, code.message());
        }

        @Override
        public <R> R fold(Function<Done, R> ifDone, Function<Refused, R> ifRefused) {
            return ifRefused.apply(this);
        }
    }
}
