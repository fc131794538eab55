package se.plus.adapters.rest.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import java.util.Optional;
import java.util.Set;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.json.Jsons;
import se.plus.adapters.rest.json.Representations;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ManageUsersUseCase;
import se.plus.application.port.in.ManageUsersUseCase.NewUser;
import se.plus.application.port.in.ManageUsersUseCase.UserChanges;
import se.plus.application.port.in.ManageUsersUseCase.UserDetails;
import se.plus.application.port.in.Role;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.TransferMode;

/** {@code /api/users}: admins manage users; a user reads and changes their own non-admin fields. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    private static final Set<String> CREATE_FIELDS = Set.of("extension", "name", "fixedNumber", "mobileNumber",
            "password", "sipPassword", "role", "transferMode", "mobileFollowsFixed", "noAnswerDelaySeconds",
            "hideNumberOnExternalCalls", "voicemailEnabled");
    private static final Set<String> CHANGE_FIELDS = Set.of("name", "fixedNumber", "mobileNumber", "password",
            "sipPassword", "role", "transferMode", "mobileFollowsFixed", "noAnswerDelaySeconds",
            "hideNumberOnExternalCalls", "voicemailEnabled");

    @Inject
    Caller caller;

    @Inject
    ManageUsersUseCase users;

    @Context
    UriInfo uri;

    @POST
    public Response create(String body) {
        caller.requireAdmin();
        JsonInput in = JsonInput.read(body, CREATE_FIELDS, Set.of("extension", "name", "password", "sipPassword"));
        Extension extension = JsonInput.extension(in.requiredString("extension"));
        UserDetails created = users.create(new NewUser(extension, in.requiredString("name"),
                in.phoneNumber("fixedNumber").map(UsersResource::publicNumber),
                in.phoneNumber("mobileNumber").map(UsersResource::publicNumber),
                in.requiredString("password").toCharArray(), in.requiredString("sipPassword").toCharArray(),
                in.enumValue("role", Role.class).orElse(Role.USER),
                in.enumValue("transferMode", TransferMode.class), in.bool("mobileFollowsFixed"),
                in.integer("noAnswerDelaySeconds"), in.bool("hideNumberOnExternalCalls"),
                in.bool("voicemailEnabled")), caller.actor());
        return Response.created(uri.getAbsolutePathBuilder().path(extension.digits()).build())
                .entity(Representations.user(created).toString()).build();
    }

    @GET
    public Response list() {
        caller.requireAdmin();
        var array = Jsons.array();
        users.list().forEach(u -> array.add(Representations.user(u)));
        return Response.ok(array.build().toString()).build();
    }

    @GET
    @Path("{ext}")
    public Response get(@PathParam("ext") String ext) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        return Response.ok(Representations.user(users.get(extension)).toString()).build();
    }

    @PATCH
    @Path("{ext}")
    public Response change(@PathParam("ext") String ext, String body) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        JsonInput in = JsonInput.read(body, CHANGE_FIELDS, Set.of());
        UserChanges changes = new UserChanges(in.string("name"),
                nullable(in, "fixedNumber"), nullable(in, "mobileNumber"),
                in.string("password").map(String::toCharArray), in.string("sipPassword").map(String::toCharArray),
                in.enumValue("role", Role.class), in.enumValue("transferMode", TransferMode.class),
                in.bool("mobileFollowsFixed"), in.integer("noAnswerDelaySeconds"), in.bool("hideNumberOnExternalCalls"),
                in.bool("voicemailEnabled"));
        if (changes.touchesAdminFields() && !caller.isAdmin()) {
            throw Problem.forbidden("numbers, role, transfer mode and hidden number are set by an administrator");
        }
        return Response.ok(Representations.user(users.change(extension, changes, caller.actor())).toString()).build();
    }

    @DELETE
    @Path("{ext}")
    public Response delete(@PathParam("ext") String ext) {
        Extension extension = JsonInput.extension(ext);
        caller.requireAdmin();
        users.remove(extension, caller.actor());
        return Response.noContent().build();
    }

    /** {@code null} clears the number; absent leaves it. */
    private static Optional<Optional<PhoneNumber>> nullable(JsonInput in, String field) {
        if (!in.has(field)) {
            return Optional.empty();
        }
        return Optional.of(in.phoneNumber(field).map(UsersResource::publicNumber));
    }

    private static PhoneNumber publicNumber(PhoneNumber number) {
        if (number.isExtension()) {
            throw Problem.validation("fixed and mobile numbers are public numbers, not extensions: " + number.value());
        }
        return number;
    }
}
