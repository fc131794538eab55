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
import java.util.Set;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import se.plus.application.port.in.ControlCallUseCase;
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

    @Inject
    ControlCallUseCase control;

    @GET
    public Response recent(@PathParam("ext") String ext, @QueryParam("limit") String limit) {
        Extension user = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(user);
        var array = Jsons.array();
        calls.recent(user, limit(limit)).forEach(call -> array.add(CallJson.record(call)));
        return Response.ok(array.build().toString()).build();
    }

    /** {@code {to}}: click-to-dial — the user's phones ring; answering calls {@code to}. 202 with the call's Location. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@PathParam("ext") String ext, String body) {
        Extension user = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(user);
        JsonInput in = JsonInput.read(body, Set.of("to"), Set.of("to"));
        ControlCallUseCase.PlacedCall placed = control.placeCall(user, in.requiredString("to"), caller.actor());
        Response response = CallResource.started(placed.outcome(), placed.callId());
        return placed.callId().map(id -> Response.fromResponse(response)
                .location(java.net.URI.create("/api/calls/" + id)).build()).orElse(response);
    }

    /** The user's calls in progress (placed, ringing at them, answered): the ids call control takes. */
    @GET
    @Path("live")
    public Response live(@PathParam("ext") String ext) {
        Extension user = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(user);
        var array = Jsons.array();
        control.liveCallsOf(user).forEach(call -> array.add(CallJson.live(call)));
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
