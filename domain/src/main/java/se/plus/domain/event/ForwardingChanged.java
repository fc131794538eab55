package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.ForwardingKind;

/**
 * A forwarding was switched on (target present), moved to another target, or off (target empty).
 * {@code noAnswerDelaySeconds} is the user's delay, meaningful for {@link ForwardingKind#NO_ANSWER}.
 */
public record ForwardingChanged(Extension extension, Instant at, ForwardingKind kind,
                                Optional<PhoneNumber> target, int noAnswerDelaySeconds)
        implements DomainEvent {

    public ForwardingChanged {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String type() {
        return "FORWARDING_CHANGED";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.forwardingChanged(this);
    }
}
