package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.user.ForwardingKind;

/** {@code #21}, {@code #61}, {@code #67}: forwarding of this kind off. */
public record DeactivateForwarding(ForwardingKind kind) implements ServiceCommand {

    public DeactivateForwarding {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String service() {
        return kind.service();
    }

    @Override
    public String action() {
        return "DEACTIVATE";
    }
}
