package se.plus.domain.dialstring;

import java.util.Objects;
import se.plus.domain.number.PhoneNumber;

/** {@code *80*<n>}: take the direct call ringing at colleague {@code <n>} before it is answered. */
public record Pickup(PhoneNumber ringingAt) implements ServiceCommand {

    public Pickup {
        Objects.requireNonNull(ringingAt, "ringingAt");
    }

    @Override
    public String service() {
        return "PICKUP";
    }

    @Override
    public String action() {
        return "PICK_UP";
    }

    @Override
    public boolean requiresCall() {
        return true;
    }
}
