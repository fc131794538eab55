package se.plus.application.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.ChangePasswordUseCase.ChangePassword;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.Role;
import se.plus.application.port.out.Accounts;
import se.plus.application.port.out.PasswordHashing;
import se.plus.application.service.UnitOfWork;

@ExtendWith(MockitoExtension.class)
class ChangePasswordServiceTest {

    @Mock
    Accounts accounts;
    @Mock
    PasswordHashing hashing;

    private final Actor admin = new Actor("admin", EntryPoint.REST);

    @Test
    void theNewPasswordReplacesTheOldOneAndTheRememberedLoginIsForgotten() {
        var stored = new Accounts.Account("admin", "old-hash", Role.ADMIN, Optional.empty());
        when(accounts.find("admin")).thenReturn(Optional.of(stored));
        when(hashing.hash(any())).thenReturn("new-hash");
        when(hashing.matches(any(), any())).thenAnswer(call -> call.getArgument(1).equals("old-hash"));
        var verified = new VerifiedCredentials();
        var authenticate = new AuthenticateService(accounts, hashing, new UnitOfWork(), verified);
        authenticate.authenticate("admin", "old".toCharArray());

        boolean changed = new ChangePasswordService(accounts, hashing, new UnitOfWork(), verified)
                .change(new ChangePassword("admin", "new".toCharArray(), admin));

        assertTrue(changed);
        verify(accounts).save(new Accounts.Account("admin", "new-hash", Role.ADMIN, Optional.empty()));
        when(accounts.find("admin")).thenReturn(Optional.of(new Accounts.Account("admin", "new-hash", Role.ADMIN, Optional.empty())));
        assertTrue(authenticate.authenticate("admin", "old".toCharArray()).isEmpty(), "the old password no longer logs in");
    }

    @Test
    void anUnknownLoginChangesNothing() {
        when(accounts.find("nobody")).thenReturn(Optional.empty());

        boolean changed = new ChangePasswordService(accounts, hashing, new UnitOfWork(), new VerifiedCredentials())
                .change(new ChangePassword("nobody", "new".toCharArray(), admin));

        assertFalse(changed);
        verify(accounts, never()).save(any());
    }
}
