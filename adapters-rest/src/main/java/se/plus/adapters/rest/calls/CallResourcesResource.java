package se.plus.adapters.rest.calls;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import se.plus.adapters.rest.json.Jsons;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ReadCallResourcesUseCase;

/** {@code GET /api/calls/resources}: live calls and what they hold (dialogs, transactions, RTP ports). */
@Path("calls/resources")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CallResourcesResource {

    @Inject
    Caller caller;

    @Inject
    ReadCallResourcesUseCase resources;

    @GET
    public Response read() {
        caller.requireAdmin();
        var json = Jsons.object();
        resources.inUse().forEach((name, count) -> json.add(name, count.intValue()));
        return Response.ok(json.build().toString()).build();
    }
}
