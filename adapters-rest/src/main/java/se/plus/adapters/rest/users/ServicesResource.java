package se.plus.adapters.rest.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.json.ServiceStateJson;
import se.plus.application.port.in.ReadServicesUseCase;
import se.plus.domain.number.Extension;

/**
 * {@code GET /api/users/{ext}/services}: the whole service state. Rooted at its full path, as every
 * resource under a user is: JAX-RS picks the root with the longest literal prefix, so a shared
 * {@code users/{ext}} root would hide {@code GET /api/users/{ext}}.
 */
@Path("users/{ext}/services")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServicesResource {

    @Inject
    Caller caller;

    @Inject
    ReadServicesUseCase services;

    @GET
    public Response services(@PathParam("ext") String ext) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        return Response.ok(ServiceStateJson.of(services.read(extension)).toString()).build();
    }
}
