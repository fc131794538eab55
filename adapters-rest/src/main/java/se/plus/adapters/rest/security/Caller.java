package se.plus.adapters.rest.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import se.plus.adapters.rest.problem.Problem;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.EntryPoint;
import se.plus.domain.number.Extension;

/**
 * Who is calling and what they may do: ADMIN everything, USER only their own extension (their login
 * name is their extension). The checks answer 403 before anything is looked up, so a user learns
 * nothing about extensions that are not theirs.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityContext security;

    public boolean isAdmin() {
        return security.isCallerInRole("ADMIN");
    }

    public String name() {
        Principal principal = security.getCallerPrincipal();
        if (principal == null) {
            throw Problem.unauthorized();
        }
        return principal.getName();
    }

    public Actor actor() {
        return new Actor(name(), EntryPoint.REST);
    }

    public void requireAdmin() {
        name();
        if (!isAdmin()) {
            throw Problem.forbidden("only an administrator may do this");
        }
    }

    public void requireSelfOrAdmin(Extension extension) {
        if (!isAdmin() && !name().equals(extension.digits())) {
            throw Problem.forbidden("a user may only act on their own extension");
        }
    }

    public boolean isSelf(Extension extension) {
        return name().equals(extension.digits());
    }
}
