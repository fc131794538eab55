package se.plus.adapters.rest.calls;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ReadCallsUseCase;
import se.plus.application.port.out.CallRecord;

/** {@code GET /api/calls/{id}}: one finished call, for the admin and the users who took part. */
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

    @GET
    public Response one(@PathParam("id") String id) {
        Optional<CallRecord> call = id.length() > MAX_ID ? Optional.empty() : calls.find(id);
        // Someone else's call reads as no call at all: ids are not to be probed.
        if (call.isEmpty() || !(caller.isAdmin() || call.get().participants().stream().anyMatch(caller::isSelf))) {
            throw Problem.notFound("no call " + id);
        }
        return Response.ok(CallJson.record(call.get()).toString()).build();
    }
}
