package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.ForwardingKind;

/** {@code *21*<n>}, {@code *61*<n>#}, {@code *67*<n>}: forwarding of this kind to {@code target}. */
public record ActivateForwarding(ForwardingKind kind, PhoneNumber target) implements ServiceCommand {

    public ActivateForwarding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String service() {
        return kind.service();
    }

    @Override
    public String action() {
        return "ACTIVATE";
    }
}
