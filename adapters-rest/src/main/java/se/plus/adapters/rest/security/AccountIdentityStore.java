package se.plus.adapters.rest.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import se.plus.application.port.in.AuthenticateUseCase;

/** Checks REST credentials with the application; the role becomes the caller's one group. */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    AuthenticateUseCase authentication;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        var login = (UsernamePasswordCredential) credential;
        return authentication.authenticate(login.getCaller(), login.getPassword().getValue())
                .map(p -> new CredentialValidationResult(p.username(), Set.of(p.role().name())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
