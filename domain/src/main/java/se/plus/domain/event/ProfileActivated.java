package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;

/** A profile became active; {@code until} empty means until further notice. */
public record ProfileActivated(Extension extension, Instant at, int profileNumber, String profileName,
                               Optional<Instant> until) implements DomainEvent {

    public ProfileActivated {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(until, "until");
    }

    @Override
    public String type() {
        return "PROFILE_ACTIVATED";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.profileActivated(this);
    }
}
