package se.plus.application.port.in;

import java.time.Instant;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;

/** The active profile set explicitly (REST, JMS): the same rules as {@code *24*} / {@code #24}. */
public interface ActivateProfileUseCase {

    /** Until {@code until}, or for the profile's default duration when empty. */
    Outcome activate(Extension extension, int profileNumber, Optional<Instant> until, Actor actor);

    /** Back to Available. */
    Outcome deactivate(Extension extension, Actor actor);
}
