package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.TransferMode;

/** {@code extension} handed its incoming call on to {@code target}, announced or direct. */
public record CallTransferred(Extension extension, Instant at, PhoneNumber target, TransferMode mode)
        implements DomainEvent {

    public CallTransferred {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mode, "mode");
    }

    @Override
    public String type() {
        return "CALL_TRANSFERRED";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.callTransferred(this);
    }
}
