package se.plus.adapters.rest.queues;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.problem.Outcomes;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.QueueLoginUseCase;
import se.plus.application.port.in.ReadServicesUseCase;
import se.plus.domain.number.Extension;

/**
 * {@code PUT/DELETE /api/queues/{number}/logins/{ext}}: an admin, or the member themself. A user who is
 * not a member hears the same as with {@code *75*}: SERVICE_NOT_ACTIVE.
 */
@Path("queues/{number}/logins/{ext}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueueLoginsResource {

    @Inject
    Caller caller;

    @Inject
    QueueLoginUseCase logins;

    @Inject
    ReadServicesUseCase services;

    @PUT
    public Response logIn(@PathParam("number") String number, @PathParam("ext") String ext) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        return Outcomes.answer(logins.logIn(QueuesResource.queueNumber(number), extension, caller.actor()), services, extension);
    }

    @DELETE
    public Response logOut(@PathParam("number") String number, @PathParam("ext") String ext) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        return Outcomes.answer(logins.logOut(QueuesResource.queueNumber(number), extension, caller.actor()), services, extension);
    }
}
