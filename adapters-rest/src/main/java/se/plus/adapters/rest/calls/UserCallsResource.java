package se.plus.adapters.rest.calls;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.json.Jsons;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ReadCallsUseCase;
import se.plus.domain.number.Extension;

/** {@code GET /api/users/{ext}/calls?limit=}: the user's recent calls, newest first, with their routing trace. */
@Path("users/{ext}/calls")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserCallsResource {

    private static final int DEFAULT_LIMIT = 20;

    @Inject
    Caller caller;

    @Inject
    ReadCallsUseCase calls;

    @GET
    public Response recent(@PathParam("ext") String ext, @QueryParam("limit") String limit) {
        Extension user = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(user);
        var array = Jsons.array();
        calls.recent(user, limit(limit)).forEach(call -> array.add(CallJson.record(call)));
        return Response.ok(array.build().toString()).build();
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= ReadCallsUseCase.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // the same answer as out of range
        }
        throw Problem.validation("'limit' is a whole number 1–" + ReadCallsUseCase.MAX_LIMIT + ": " + text);
    }
}
