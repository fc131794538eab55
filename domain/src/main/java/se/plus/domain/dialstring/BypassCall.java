package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.number.PhoneNumber;

/** {@code *60*<n>}: call {@code <n>} past their barring, referral (profile) and forwarding. */
public record BypassCall(PhoneNumber target) implements ServiceCommand {

    public BypassCall {
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String service() {
        return "BYPASS";
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
