package se.plus.adapters.rest.calls;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.problem.Outcomes;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ControlCallUseCase;
import se.plus.application.port.in.ReadCallsUseCase;
import se.plus.application.port.out.CallRecord;
import se.plus.application.port.out.LiveCallView;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.user.TransferMode;

/**
 * {@code /api/calls/{id}}: one call, in progress or finished, for the admin and the users it concerns;
 * call control on a call in progress ({@code transfer}, {@code pickup}), by the same rules as the codes.
 */
@Path("calls/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    /** Call ids are UUIDs: anything longer is no call of ours. */
    private static final int MAX_ID = 36;

    @Inject
    Caller caller;

    @Inject
    ReadCallsUseCase calls;

    @Inject
    ControlCallUseCase control;

    @GET
    public Response one(@PathParam("id") String id) {
        Optional<CallRecord> call = id.length() > MAX_ID ? Optional.empty() : calls.find(id);
        if (call.isPresent()) {
            // Someone else's call reads as no call at all: ids are not to be probed.
            if (!(caller.isAdmin() || call.get().participants().stream().anyMatch(caller::isSelf))) {
                throw Problem.notFound("no call " + id);
            }
            return Response.ok(CallJson.record(call.get()).toString()).build();
        }
        return Response.ok(CallJson.live(liveCallOfCaller(id)).toString()).build();
    }

    /** {@code {to, mode?}}: the user who answered hands the call on (admin, or that user). */
    @POST
    @Path("transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response transfer(@PathParam("id") String id, String body) {
        LiveCallView call = liveCallOfCaller(id);
        JsonInput in = JsonInput.read(body, Set.of("to", "mode"), Set.of("to"));
        Optional<TransferMode> mode = in.enumValue("mode", TransferMode.class);
        if (!caller.isAdmin() && call.answeredBy().filter(caller::isSelf).isEmpty()) {
            throw Problem.forbidden("only the user who answered call " + id + " (or an admin) transfers it");
        }
        return started(control.transfer(id, in.requiredString("to"), mode, caller.actor()), Optional.empty());
    }

    /** {@code {by}}: the call ringing at a colleague rings at {@code by}'s phones instead (admin, or {@code by}). */
    @POST
    @Path("pickup")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response pickup(@PathParam("id") String id, String body) {
        JsonInput in = JsonInput.read(body, Set.of("by"), Set.of("by"));
        Extension by = JsonInput.extension(in.requiredString("by"));
        caller.requireSelfOrAdmin(by);
        if (id.length() > MAX_ID || control.live(id).isEmpty()) {
            throw Problem.notFound("no call " + id + " in progress");
        }
        return started(control.pickUp(id, by, caller.actor()), Optional.empty());
    }

    /** A call in progress that the caller may see: the admin sees every one, a user those they are in. */
    private LiveCallView liveCallOfCaller(String id) {
        Optional<LiveCallView> live = id.length() > MAX_ID ? Optional.empty() : control.live(id);
        if (live.isEmpty() || !(caller.isAdmin() || live.get().concernsAny(caller::isSelf))) {
            throw Problem.notFound("no call " + id);
        }
        return live.get();
    }

    static Response started(Outcome outcome, Optional<String> callId) {
        return outcome.fold(done -> Response.accepted(CallJson.started(done, callId).toString()).build(),
                Outcomes::refused);
    }
}
