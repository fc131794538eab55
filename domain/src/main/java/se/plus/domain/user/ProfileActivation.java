package se.plus.domain.user;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which profile is active and until when ({@code until} empty = until further notice). A time-bounded
 * activation is over from its end on; the user then reverts to Available ({@link User#expireProfile}).
 */
public record ProfileActivation(int profileNumber, Optional<Instant> until) {

    public static final ProfileActivation AVAILABLE = new ProfileActivation(Profile.AVAILABLE, Optional.empty());

    public ProfileActivation {
        Objects.requireNonNull(until, "until");
        if (profileNumber < 1 || profileNumber > Profile.MAX_NUMBER) {
            throw new IllegalArgumentException("no such profile number: " + profileNumber);
        }
    }

    public boolean isOverAt(Instant now) {
        return until.isPresent() && !until.get().isAfter(now);
    }

    public boolean isUntilFurtherNotice() {
        return until.isEmpty();
    }
}
