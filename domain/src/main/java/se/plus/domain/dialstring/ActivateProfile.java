package se.plus.domain.dialstring;

import java.util.Objects;
import java.util.Optional;
import se.plus.domain.user.Profile;
import se.plus.domain.time.TimeSpec;

/** {@code *24*<p>[*<t>]}: profile {@code <p>} until {@code <t>}, or for its default duration. */
public record ActivateProfile(int profileNumber, Optional<TimeSpec> time) implements ServiceCommand {

    public ActivateProfile {
        if (profileNumber < 1 || profileNumber > Profile.MAX_NUMBER) {
            throw new IllegalArgumentException("profile numbers are 1–999: " + profileNumber);
        }
        Objects.requireNonNull(time, "time");
    }

    @Override
    public String service() {
        return "PROFILE";
    }

    @Override
    public String action() {
        return "ACTIVATE";
    }
}
