package se.plus.adapters.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import se.plus.adapters.rest.json.Jsons;

/** An RFC 9457 problem: {@code status}, {@code title}, {@code detail} and the outcome {@code code}. */
public final class Problem extends WebApplicationException {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem(int status, String title, String code, String detail) {
        super(detail, response(status, title, code, detail));
    }

    public static Response response(int status, String title, String code, String detail) {
        var body = Jsons.object()
                .add("type", "about:blank")
                .add("status", status)
                .add("title", title)
                .add("detail", detail == null ? title : detail)
                .add("code", code)
                .build();
        return Response.status(status).type(MEDIA_TYPE).entity(body.toString()).build();
    }

    public static Problem validation(String detail) {
        return new Problem(400, "Bad Request", "VALIDATION", detail);
    }

    public static Problem unauthorized() {
        return new Problem(401, "Unauthorized", "UNAUTHORIZED", "log in with HTTP Basic");
    }

    public static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", "FORBIDDEN", detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not Found", "NOT_FOUND", detail);
    }

    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", "CONFLICT", detail);
    }

    public static Problem of(int status, String title, String code, String detail) {
        return new Problem(status, title, code, detail);
    }
}
