package se.plus.adapters.rest.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.problem.Outcomes;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.DialRequest;
import se.plus.application.port.in.ExecuteDialStringUseCase;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;

/** {@code POST /api/users/{ext}/dial}: exactly the use case a phone's feature code runs. */
@Path("users/{ext}/dial")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DialResource {

    @Inject
    Caller caller;

    @Inject
    ExecuteDialStringUseCase dial;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dial(@PathParam("ext") String ext, String body) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        JsonInput in = JsonInput.read(body, Set.of("digits", "device"), Set.of("digits", "device"));
        Dialect dialect = in.enumValue("device", Dialect.class).orElseThrow();
        return Outcomes.answer(dial.executeAndRead(
                DialRequest.dialled(extension, in.requiredString("digits"), dialect, caller.actor())));
    }
}
