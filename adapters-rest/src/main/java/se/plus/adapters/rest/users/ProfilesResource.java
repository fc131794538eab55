package se.plus.adapters.rest.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import se.plus.adapters.rest.json.JsonInput;
import se.plus.adapters.rest.json.Jsons;
import se.plus.adapters.rest.json.Representations;
import se.plus.adapters.rest.problem.Problem;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ManageProfilesUseCase;
import se.plus.domain.number.Extension;
import se.plus.domain.user.Profile;
import se.plus.domain.user.ProfileHandling;

/** {@code GET/POST /api/users/{ext}/profiles}, {@code PUT/DELETE .../profiles/{number}}. */
@Path("users/{ext}/profiles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProfilesResource {

    private static final Set<String> FIELDS = Set.of("number", "name", "handling", "target", "referralMessage",
            "defaultDuration");

    @Inject
    Caller caller;

    @Inject
    ManageProfilesUseCase profiles;

    @Context
    UriInfo uri;

    @GET
    public Response list(@PathParam("ext") String ext) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        var array = Jsons.array();
        profiles.list(extension).forEach(p -> array.add(Representations.profile(p)));
        return Response.ok(array.build().toString()).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("ext") String ext, String body) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        JsonInput in = JsonInput.read(body, FIELDS, Set.of("number", "name", "handling"));
        Profile profile = profile(in.integer("number").orElseThrow(), in);
        if (profiles.list(extension).stream().anyMatch(p -> p.number() == profile.number())) {
            throw Problem.conflict("profile " + profile.number() + " exists; PUT changes it");
        }
        profiles.put(extension, profile, caller.actor());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(profile.number())).build())
                .entity(Representations.profile(profile).toString()).build();
    }

    @PUT
    @Path("{number}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("ext") String ext, @PathParam("number") String number, String body) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        int n = profileNumber(number);
        JsonInput in = JsonInput.read(body, FIELDS, Set.of("name", "handling"));
        if (in.integer("number").filter(given -> given != n).isPresent()) {
            throw Problem.validation("'number' differs from the number in the path");
        }
        Profile profile = profile(n, in);
        boolean created = profiles.put(extension, profile, caller.actor());
        return Response.status(created ? 201 : 200).entity(Representations.profile(profile).toString()).build();
    }

    @DELETE
    @Path("{number}")
    public Response delete(@PathParam("ext") String ext, @PathParam("number") String number) {
        Extension extension = JsonInput.extension(ext);
        caller.requireSelfOrAdmin(extension);
        int n = profileNumber(number);
        if (n == Profile.AVAILABLE) {
            throw Problem.of(409, "Conflict", "CONFLICT", "profile 1 (Available) always exists");
        }
        if (!profiles.remove(extension, n, caller.actor())) {
            throw Problem.notFound("no profile " + n);
        }
        return Response.noContent().build();
    }

    private static Profile profile(int number, JsonInput in) {
        ProfileHandling handling = in.enumValue("handling", ProfileHandling.class).orElseThrow();
        Optional<Duration> duration = in.string("defaultDuration").map(ProfilesResource::duration);
        if (in.requiredString("name").length() > 100) {
            throw Problem.validation("'name' is at most 100 characters");
        }
        if (in.string("referralMessage").filter(m -> m.length() > 500).isPresent()) {
            throw Problem.validation("'referralMessage' is at most 500 characters");
        }
        return new Profile(number, in.requiredString("name"), handling,
                in.phoneNumber("target"), in.string("referralMessage"), duration);
    }

    private static int profileNumber(String text) {
        if (!text.matches("[0-9]{1,3}")) {
            throw Problem.validation("a profile number is 1–" + Profile.MAX_NUMBER);
        }
        return profileNumber(Integer.parseInt(text));
    }

    /** Outside 1–999 a number is malformed input (400), not a profile that happens to be missing (404/422). */
    static int profileNumber(int number) {
        if (number < 1 || number > Profile.MAX_NUMBER) {
            throw Problem.validation("a profile number is 1–" + Profile.MAX_NUMBER + ": " + number);
        }
        return number;
    }

    private static Duration duration(String text) {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw Problem.validation("'defaultDuration' must be positive, or null for until further notice");
            }
            return d;
        } catch (DateTimeParseException bad) {
            throw Problem.validation("'defaultDuration' is an ISO-8601 duration such as PT1H or P1D: " + text);
        }
    }
}
