package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.user.ForwardingKind;

/** {@code *#21#}, {@code *#61#}, {@code *#67#}: is forwarding of this kind on, and to where? */
public record QueryForwarding(ForwardingKind kind) implements ServiceCommand {

    public QueryForwarding {
        Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String service() {
        return kind.service();
    }

    @Override
    public String action() {
        return "QUERY";
    }
}
