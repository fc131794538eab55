package se.plus.adapters.rest.audit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.json.Jsons;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ReadAuditUseCase;

/** {@code GET /api/audit?extension=&since=}: every change, oldest first (at most 1000). */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    Caller caller;

    @Inject
    ReadAuditUseCase audit;

    @GET
    public Response read(@QueryParam("extension") String extension, @QueryParam("since") String since) {
        caller.requireAdmin();
        var records = audit.read(
                Optional.ofNullable(extension).filter(e -> !e.isEmpty()).map(JsonInput::extension),
                Optional.ofNullable(since).filter(s -> !s.isEmpty()).map(AuditResource::instant));
        var array = Jsons.array();
        for (var r : records) {
            var json = Jsons.object()
                    .add("at", r.at().toString())
                    .add("actor", r.actor())
                    .add("entryPoint", r.entryPoint().name())
                    .add("action", r.action())
                    .add("before", r.before())
                    .add("after", r.after());
            r.extension().ifPresentOrElse(e -> json.add("extension", e), () -> json.addNull("extension"));
            array.add(json);
        }
        return Response.ok(array.build().toString()).build();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException bad) {
            throw Problem.validation("'since' is an ISO-8601 instant such as 2026-11-24T12:00:00Z: " + bad.getMessage());
        }
    }
}
