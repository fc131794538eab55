package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import se.plus.domain.number.Extension;

/** A time-bounded activation ended and the user reverted to profile 1, "Available". */
public record ProfileExpired(Extension extension, Instant at, int expiredProfileNumber,
                             String expiredProfileName, Instant endedAt) implements DomainEvent {

    public ProfileExpired {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(expiredProfileName, "expiredProfileName");
        Objects.requireNonNull(endedAt, "endedAt");
    }

    @Override
    public String type() {
        return "PROFILE_EXPIRED";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.profileExpired(this);
    }
}
