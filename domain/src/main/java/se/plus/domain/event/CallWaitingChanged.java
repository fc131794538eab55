package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import se.plus.domain.number.Extension;

/** Call waiting was switched on or off. */
public record CallWaitingChanged(Extension extension, Instant at, boolean on) implements DomainEvent {

    public CallWaitingChanged {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return "CALL_WAITING_CHANGED";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.callWaitingChanged(this);
    }
}
