package se.plus.domain.user;

import java.util.Objects;
import se.plus.domain.number.PhoneNumber;

/** One forwarding that is on: its kind and where calls go. */
public record Forwarding(ForwardingKind kind, PhoneNumber target) {

    public Forwarding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }
}
