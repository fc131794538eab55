package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/** {@code extension} took a call that was ringing at the colleague {@code ringingAt} ({@code *80*}); {@code caller} empty when the caller withheld the number. */
public record CallPickedUp(Extension extension, Instant at, Extension ringingAt, Optional<PhoneNumber> caller)
        implements DomainEvent {

    public CallPickedUp {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(ringingAt, "ringingAt");
        Objects.requireNonNull(caller, "caller");
    }

    @Override
    public String type() {
        return "CALL_PICKED_UP";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.callPickedUp(this);
    }
}
