package se.plus.application.port.in;

import java.util.List;
import se.plus.domain.number.Extension;
import se.plus.domain.user.Profile;

/** A user's numbered profiles. Profile 1 "Available" always exists and always rings. */
public interface ManageProfilesUseCase {

    /** @throws NoSuchUserException */
    List<Profile> list(Extension extension);

    /** Adds or replaces; {@code true} when it was new. @throws NoSuchUserException */
    boolean put(Extension extension, Profile profile, Actor actor);

    /** {@code false} when there was no such profile. @throws IllegalArgumentException for profile 1 */
    boolean remove(Extension extension, int number, Actor actor);
}
