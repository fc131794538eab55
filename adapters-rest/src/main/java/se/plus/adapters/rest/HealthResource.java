package se.plus.adapters.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import se.plus.adapters.rest.json.Jsons;
import se.plus.application.health.HealthReport;
import se.plus.application.port.in.CheckHealthUseCase;

/** {@code GET /api/health}: 200 UP when every component answers, else 503 DOWN; open to anyone. */
@Path("health")
@RequestScoped
public class HealthResource {

    @Inject
    CheckHealthUseCase health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthReport report = health.check();
        var checks = Jsons.array();
        report.components().forEach((name, up) -> checks.add(Jsons.object()
                .add("name", name)
                .add("status", up ? "UP" : "DOWN")));
        JsonObject body = Jsons.object()
                .add("status", report.up() ? "UP" : "DOWN")
                .add("checks", checks)
                .build();
        return Response.status(report.up() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(body)
                .build();
    }
}
