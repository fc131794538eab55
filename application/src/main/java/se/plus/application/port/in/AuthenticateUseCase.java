package se.plus.application.port.in;

import java.util.Optional;
import se.plus.domain.number.Extension;

/** REST logins: checks a password against its slow hash; the same answer for unknown names. */
public interface AuthenticateUseCase {

    Optional<Principal> authenticate(String username, char[] password);

    /** The first administrator, from configuration, when there is none yet; {@code true} if created now. */
    boolean ensureAdministrator(String username, char[] password);

    record Principal(String username, Role role, Optional<Extension> extension) {
    }
}
