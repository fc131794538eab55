package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/** {@code extension} took a call that was ringing at the colleague {@code ringingAt} ({@code *80*}). */
public record CallPickedUp(Extension extension, Instant at, Extension ringingAt, PhoneNumber caller)
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
}
