package se.plus.domain.user;

import java.util.Objects;
import se.plus.domain.event.ProfileExpired;

/** The result of an ended activation: the user back on Available, and the event saying so. */
public record ProfileExpiry(User userAfter, ProfileExpired event) {

    public ProfileExpiry {
        Objects.requireNonNull(userAfter, "userAfter");
        Objects.requireNonNull(event, "event");
    }
}
