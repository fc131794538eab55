package se.plus.adapters.rest.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.problem.Outcomes;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ChangeForwardingUseCase;
import se.plus.application.port.in.ReadServicesUseCase;
import se.plus.domain.number.Extension;
import se.plus.domain.user.ForwardingKind;

/** {@code PUT/DELETE /api/users/{ext}/forwarding/{unconditional|no-answer|busy}}. */
@Path("users/{ext}/forwarding/{kind}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ForwardingResource {

    @Inject
    Caller caller;

    @Inject
    ChangeForwardingUseCase forwarding;

    @Inject
    ReadServicesUseCase services;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response forward(@PathParam("ext") String ext, @PathParam("kind") String kind, String body) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        ForwardingKind forwardingKind = kind(kind);
        JsonInput in = JsonInput.read(body, Set.of("target", "delaySeconds"), Set.of("target"));
        var target = JsonInput.number("target", in.requiredString("target"));
        var delay = in.integer("delaySeconds");
        if (delay.isPresent() && forwardingKind != ForwardingKind.NO_ANSWER) {
            throw Problem.validation("'delaySeconds' belongs to the no-answer forwarding only");
        }
        return Outcomes.answer(forwarding.forward(extension, forwardingKind, target, delay, caller.actor()), services, extension);
    }

    @DELETE
    public Response cancel(@PathParam("ext") String ext, @PathParam("kind") String kind) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        return Outcomes.answer(forwarding.cancel(extension, kind(kind), caller.actor()), services, extension);
    }

    private static ForwardingKind kind(String path) {
        switch (path) {
            case "unconditional":
                return ForwardingKind.UNCONDITIONAL;
            case "no-answer":
                return ForwardingKind.NO_ANSWER;
            case "busy":
                return ForwardingKind.BUSY;
            default:
                throw Problem.notFound("forwarding kinds are unconditional, no-answer and busy");
        }
    }
}
