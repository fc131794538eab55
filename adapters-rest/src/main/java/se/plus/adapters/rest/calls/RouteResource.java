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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ExplainRouteUseCase;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/**
 * {@code GET /api/users/{ext}/route?from=&at=}: the dry run. What a call from {@code from} (withheld when
 * absent) would do at {@code at} (now when absent): the route tree of a real call, nothing rings.
 */
@Path("users/{ext}/route")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RouteResource {

    @Inject
    Caller caller;

    @Inject
    ExplainRouteUseCase routes;

    @GET
    public Response dryRun(@PathParam("ext") String ext, @QueryParam("from") String from, @QueryParam("at") String at) {
        Extension user = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(user);
        Optional<PhoneNumber> calling = Optional.ofNullable(from).filter(f -> !f.isBlank()).map(f -> PhoneNumber.parse(f)
                .orElseThrow(() -> Problem.validation("'from' is a phone number or an extension: " + f)));
        Instant when = Optional.ofNullable(at).filter(a -> !a.isBlank()).map(RouteResource::instant).orElseGet(Instant::now);
        return Response.ok(CallJson.route(routes.explain(user, calling, when)).toString()).build();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException bad) {
            throw Problem.validation("'at' is an ISO-8601 instant such as 2026-11-24T12:00:00Z: " + bad.getMessage());
        }
    }
}
