package se.plus.application.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import se.plus.application.port.in.AuthenticateUseCase;
import se.plus.application.port.in.Role;
import se.plus.application.port.out.Accounts;
import se.plus.application.port.out.Accounts.Account;
import se.plus.application.port.out.PasswordHashing;
import se.plus.application.service.UnitOfWork;

@ApplicationScoped
class AuthenticateService implements AuthenticateUseCase {

    private static final Logger LOG = Logger.getLogger(AuthenticateService.class.getName());

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final UnitOfWork unitOfWork;
    private final VerifiedCredentials verified;
    /** Checked when the name is unknown, so that an unknown name costs the same time as a wrong password. */
    private volatile String decoyHash;

    @Inject
    AuthenticateService(Accounts accounts, PasswordHashing hashing, UnitOfWork unitOfWork, VerifiedCredentials verified) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.unitOfWork = unitOfWork;
        this.verified = verified;
    }

    @Override
    public Optional<Principal> authenticate(String username, char[] password) {
        long now = System.nanoTime();
        Optional<Principal> remembered = username == null ? Optional.empty() : verified.lookUp(username, password, now);
        if (remembered.isPresent()) {
            return remembered;
        }
        Optional<Account> account = username == null || username.length() > 64 ? Optional.empty()
                : unitOfWork.inTransaction(() -> accounts.find(username));
        if (account.isEmpty()) {
            hashing.matches(password, decoy());
            return Optional.empty();
        }
        if (!hashing.matches(password, account.get().passwordHash())) {
            return Optional.empty();
        }
        var principal = new Principal(account.get().username(), account.get().role(), account.get().extension());
        verified.remember(username, password, principal, now);
        return Optional.of(principal);
    }

    @Override
    public boolean ensureAdministrator(String username, char[] password) {
        String hash = hashing.hash(password);
        boolean created = unitOfWork.inTransaction(() -> !accounts.anyAdministrator()
                && accounts.add(new Account(username, hash, Role.ADMIN, Optional.empty())));
        if (created) {
            LOG.info(() -> "First administrator '" + username + "' created");
        }
        return created;
    }

    private String decoy() {
        if (decoyHash == null) {
            decoyHash = hashing.hash("decoy-password".toCharArray());
        }
        return decoyHash;
    }
}
