package se.plus.adapters.rest.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The roles of the REST API. Authentication is HTTP Basic (contract.md) by {@link ThrottledBasicAuthentication}
 * against the project's own accounts ({@link AccountIdentityStore}).
 */
@DeclareRoles({"ADMIN", "USER"})
@ApplicationScoped
public class RestSecurity {
}
