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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.problem.Outcomes;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ActivateProfileUseCase;
import se.plus.application.port.in.ReadServicesUseCase;
import se.plus.domain.number.Extension;

/** {@code PUT /api/users/{ext}/active-profile {number, until?}}; {@code DELETE} = back to Available. */
@Path("users/{ext}/active-profile")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ActiveProfileResource {

    @Inject
    Caller caller;

    @Inject
    ActivateProfileUseCase profiles;

    @Inject
    ReadServicesUseCase services;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response activate(@PathParam("ext") String ext, String body) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        JsonInput in = JsonInput.read(body, Set.of("number", "until"), Set.of("number"));
        int number = ProfilesResource.profileNumber(in.integer("number").orElseThrow());
        var until = in.string("until").map(ActiveProfileResource::instant);
        return Outcomes.answer(profiles.activate(extension, number, until, caller.actor()), services, extension);
    }

    @DELETE
    public Response deactivate(@PathParam("ext") String ext) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        return Outcomes.answer(profiles.deactivate(extension, caller.actor()), services, extension);
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException bad) {
            throw Problem.validation("'until' is an ISO-8601 date-time with offset, e.g. 2026-11-24T13:00:00+01:00");
        }
    }
}
