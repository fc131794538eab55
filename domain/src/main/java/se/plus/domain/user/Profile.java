package se.plus.domain.user;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.PhoneNumber;

/**
 * A numbered profile: a name, what it does with calls, and how long an activation lasts when no time is
 * given ({@code defaultDuration} empty = until further notice). Profile 1 is always "Available" and rings.
 */
public record Profile(int number, String name, ProfileHandling handling, Optional<PhoneNumber> forwardTo,
                      Optional<String> referralMessage, Optional<Duration> defaultDuration) {

    public static final int AVAILABLE = 1;
    /** Profile numbers are what {@code *24*<p>} can carry: up to three digits. */
    public static final int MAX_NUMBER = 999;

    public Profile {
        if (number < 1 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("profile numbers are 1–" + MAX_NUMBER + ": " + number);
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a profile needs a name");
        }
        Objects.requireNonNull(handling, "handling");
        Objects.requireNonNull(forwardTo, "forwardTo");
        Objects.requireNonNull(referralMessage, "referralMessage");
        Objects.requireNonNull(defaultDuration, "defaultDuration");
        if ((handling == ProfileHandling.FORWARD) != forwardTo.isPresent()) {
            throw new IllegalArgumentException("a FORWARD profile, and only that, has a target: " + name);
        }
        if (defaultDuration.isPresent() && (defaultDuration.get().isNegative() || defaultDuration.get().isZero())) {
            throw new IllegalArgumentException("a default duration is positive: " + defaultDuration.get());
        }
        if (number == AVAILABLE && handling != ProfileHandling.RING) {
            throw new IllegalArgumentException("profile 1 (Available) rings");
        }
    }

    /** Profile 1, which every user has and which {@code #24} and an expiry return to. */
    public static Profile available() {
        return AVAILABLE_PROFILE;
    }

    private static final Profile AVAILABLE_PROFILE = new Profile(AVAILABLE, "Available", ProfileHandling.RING,
            Optional.empty(), Optional.empty(), Optional.empty());

    public static Profile ringing(int number, String name, Optional<Duration> defaultDuration) {
        return new Profile(number, name, ProfileHandling.RING, Optional.empty(), Optional.empty(), defaultDuration);
    }

    public static Profile forwarding(int number, String name, PhoneNumber target, Optional<Duration> defaultDuration) {
        return new Profile(number, name, ProfileHandling.FORWARD, Optional.of(target), Optional.empty(),
                defaultDuration);
    }

    public static Profile voicemail(int number, String name, Optional<Duration> defaultDuration) {
        return new Profile(number, name, ProfileHandling.VOICEMAIL, Optional.empty(), Optional.empty(),
                defaultDuration);
    }

    public static Profile barred(int number, String name, String referralMessage, Optional<Duration> defaultDuration) {
        return new Profile(number, name, ProfileHandling.BARRED, Optional.empty(), Optional.of(referralMessage),
                defaultDuration);
    }

    public boolean isAvailable() {
        return number == AVAILABLE;
    }
}
