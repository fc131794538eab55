package se.plus.adapters.rest.queues;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.json.Jsons;
import se.plus.adapters.rest.json.Representations;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ManageQueuesUseCase;
import se.plus.domain.number.Extension;
import se.plus.domain.queue.Queue;
import se.plus.domain.queue.QueueStrategy;

/** {@code POST /api/queues}, {@code GET/PATCH/DELETE /api/queues/{number}}: admins only. */
@Path("queues")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class QueuesResource {

    private static final Set<String> FIELDS = Set.of("number", "name", "members", "strategy");

    @Inject
    Caller caller;

    @Inject
    ManageQueuesUseCase queues;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        caller.requireAdmin();
        JsonInput in = JsonInput.read(body, FIELDS, Set.of("number", "name"));
        int number = queueNumber(in.integer("number").orElseThrow());
        Queue created = queues.create(number, name(in.requiredString("name")), members(in.array("members")),
                in.enumValue("strategy", QueueStrategy.class), caller.actor());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(number)).build())
                .entity(Representations.queue(created).toString()).build();
    }

    @GET
    public Response list() {
        caller.requireAdmin();
        var array = Jsons.array();
        queues.list().forEach(q -> array.add(Representations.queue(q)));
        return Response.ok(array.build().toString()).build();
    }

    @GET
    @Path("{number}")
    public Response get(@PathParam("number") String number) {
        caller.requireAdmin();
        Queue queue = queues.get(queueNumber(number)).orElseThrow(() -> Problem.notFound("no queue " + number));
        return Response.ok(Representations.queue(queue).toString()).build();
    }

    @PATCH
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response change(@PathParam("number") String number, String body) {
        caller.requireAdmin();
        int n = queueNumber(number);
        JsonInput in = JsonInput.read(body, Set.of("name", "members", "strategy"), Set.of());
        Optional<Set<Extension>> members = in.has("members") ? Optional.of(members(in.array("members"))) : Optional.empty();
        Queue changed = queues.change(n, in.string("name").map(QueuesResource::name), members,
                        in.enumValue("strategy", QueueStrategy.class), caller.actor())
                .orElseThrow(() -> Problem.notFound("no queue " + n));
        return Response.ok(Representations.queue(changed).toString()).build();
    }

    @DELETE
    @Path("{number}")
    public Response delete(@PathParam("number") String number) {
        caller.requireAdmin();
        int n = queueNumber(number);
        if (!queues.remove(n, caller.actor())) {
            throw Problem.notFound("no queue " + n);
        }
        return Response.noContent().build();
    }

    static int queueNumber(String text) {
        if (!text.matches("[0-9]{1,6}")) {
            throw Problem.validation("a queue number is 1–" + Queue.MAX_NUMBER);
        }
        return queueNumber(Integer.parseInt(text));
    }

    private static int queueNumber(int number) {
        if (number < 1 || number > Queue.MAX_NUMBER) {
            throw Problem.validation("a queue number is 1–" + Queue.MAX_NUMBER);
        }
        return number;
    }

    private static String name(String name) {
        if (name.isBlank() || name.length() > 100) {
            throw Problem.validation("'name' is 1–100 characters");
        }
        return name;
    }

    private static Set<Extension> members(List<JsonValue> values) {
        var members = new HashSet<Extension>();
        for (JsonValue value : values) {
            if (!(value instanceof JsonString)) {
                throw Problem.validation("'members' is an array of extensions (strings)");
            }
            members.add(JsonInput.extension(((JsonString) value).getString()));
        }
        return members;
    }
}
