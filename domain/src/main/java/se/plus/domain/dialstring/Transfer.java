package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.number.PhoneNumber;

/** {@code #<n>} (mobile), {@code #<n>#} (terminal), keyed during a call: transfer the ongoing incoming call. */
public record Transfer(PhoneNumber target) implements ServiceCommand {

    public Transfer {
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String service() {
        return "TRANSFER";
    }

    @Override
    public String action() {
        return "TRANSFER";
    }

    @Override
    public boolean requiresCall() {
        return true;
    }

    @Override
    public DialContext context() {
        return DialContext.IN_CALL;
    }
}
