package se.plus.adapters.rest.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ChangePasswordUseCase;
import se.plus.application.port.in.ChangePasswordUseCase.ChangePassword;

/**
 * {@code PUT /api/accounts/{name}/password {password}}: any REST login's password, by an administrator
 * or by the login itself. The one way to change the first administrator's, which has no extension.
 */
@Path("accounts/{name}/password")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResource {

    @Inject
    Caller caller;

    @Inject
    ChangePasswordUseCase passwords;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("name") String name, String body) {
        if (!caller.isAdmin() && !caller.name().equals(name)) {
            throw Problem.forbidden("a user may only change their own password");
        }
        JsonInput in = JsonInput.read(body, Set.of("password"), Set.of("password"));
        String password = in.requiredString("password");
        if (password.isBlank()) {
            throw Problem.validation("'password' must not be empty");
        }
        if (!passwords.change(new ChangePassword(name, password.toCharArray(), caller.actor()))) {
            throw Problem.notFound("no login named " + name);
        }
        return Response.noContent().build();
    }
}
