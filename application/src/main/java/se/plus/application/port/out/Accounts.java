package se.plus.application.port.out;

import java.util.Optional;
import se.plus.application.port.in.Role;
import se.plus.domain.number.Extension;

/**
 * REST logins: one per user (its name is the extension) and the administrators configured at start.
 * Only a slow hash of each password is kept.
 */
public interface Accounts {

    Optional<Account> find(String username);

    boolean add(Account account);

    void save(Account account);

    boolean remove(String username);

    boolean anyAdministrator();

    /** {@code extension} is empty for an administrator who is not also a phone user. */
    record Account(String username, String passwordHash, Role role, Optional<Extension> extension) {
    }
}
