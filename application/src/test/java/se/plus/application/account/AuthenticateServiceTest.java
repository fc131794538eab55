package se.plus.application.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.Role;
import se.plus.application.port.out.Accounts;
import se.plus.application.port.out.PasswordHashing;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;

@ExtendWith(MockitoExtension.class)
class AuthenticateServiceTest {

    @Mock
    Accounts accounts;
    @Mock
    PasswordHashing hashing;

    @Test
    void anUnknownNameCostsAHashCheckLikeAWrongPasswordSoNamesCannotBeProbed() {
        when(accounts.find("9999")).thenReturn(Optional.empty());
        when(hashing.hash(any())).thenReturn("decoy-hash");

        var result = new AuthenticateService(accounts, hashing, new UnitOfWork(), new VerifiedCredentials()).authenticate("9999", "x".toCharArray());

        assertTrue(result.isEmpty());
        verify(hashing).matches(any(), anyString());
    }

    @Test
    void theRightPasswordGivesTheAccountsRole() {
        when(accounts.find("1001")).thenReturn(Optional.of(
                new Accounts.Account("1001", "stored", Role.USER, Optional.of(Extension.of("1001")))));
        when(hashing.matches(any(), any())).thenReturn(true);

        var principal = new AuthenticateService(accounts, hashing, new UnitOfWork(), new VerifiedCredentials()).authenticate("1001", "pw".toCharArray());

        assertEquals(Role.USER, principal.orElseThrow().role());
    }

    @Test
    void aRememberedLoginIsNotHashedAgainButAWrongPasswordStillFails() {
        when(accounts.find("1001")).thenReturn(Optional.of(
                new Accounts.Account("1001", "stored", Role.USER, Optional.of(Extension.of("1001")))));
        when(hashing.matches("right".toCharArray(), "stored")).thenReturn(true);
        var service = new AuthenticateService(accounts, hashing, new UnitOfWork(), new VerifiedCredentials());

        service.authenticate("1001", "right".toCharArray());
        var again = service.authenticate("1001", "right".toCharArray());
        var wrong = service.authenticate("1001", "wrong".toCharArray());

        assertTrue(again.isPresent());
        assertTrue(wrong.isEmpty());
        verify(hashing, org.mockito.Mockito.times(1)).matches("right".toCharArray(), "stored");
    }
}
