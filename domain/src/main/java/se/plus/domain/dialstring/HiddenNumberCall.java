package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.number.PhoneNumber;

/** {@code *31*<n>}: call {@code <n>} with the caller id withheld, this call only. */
public record HiddenNumberCall(PhoneNumber target) implements ServiceCommand {

    public HiddenNumberCall {
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String service() {
        return "HIDDEN_NUMBER";
    }

    @Override
    public String action() {
        return "CALL";
    }

    @Override
    public boolean requiresCall() {
        return true;
    }
}
