package se.plus.adapters.rest.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/** HTTP Basic (contract.md) against the project's own accounts, through Jakarta Security. */
@BasicAuthenticationMechanismDefinition(realmName = "plus-services")
@DeclareRoles({"ADMIN", "USER"})
@ApplicationScoped
public class RestSecurity {
}
