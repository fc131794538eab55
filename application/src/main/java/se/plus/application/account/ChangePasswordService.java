package se.plus.application.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import se.plus.application.port.in.ChangePasswordUseCase;
import se.plus.application.port.out.Accounts;
import se.plus.application.port.out.Accounts.Account;
import se.plus.application.port.out.PasswordHashing;
import se.plus.application.service.UnitOfWork;

@ApplicationScoped
class ChangePasswordService implements ChangePasswordUseCase {

    private static final Logger LOG = Logger.getLogger(ChangePasswordService.class.getName());

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final UnitOfWork unitOfWork;
    private final VerifiedCredentials verified;

    @Inject
    ChangePasswordService(Accounts accounts, PasswordHashing hashing, UnitOfWork unitOfWork, VerifiedCredentials verified) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.unitOfWork = unitOfWork;
        this.verified = verified;
    }

    @Override
    public boolean change(ChangePassword command) {
        // Hashed before the transaction: PBKDF2 takes a good part of a second, no row need wait for it.
        String hash = hashing.hash(command.newPassword());
        boolean changed = unitOfWork.inTransaction(() -> accounts.find(command.username())
                .map(account -> {
                    accounts.save(new Account(account.username(), hash, account.role(), account.extension()));
                    return true;
                })
                .orElse(false));
        if (changed) {
            verified.forget(command.username());
            LOG.info(() -> "Password of '" + command.username() + "' changed by " + command.actor().name());
        }
        return changed;
    }
}
