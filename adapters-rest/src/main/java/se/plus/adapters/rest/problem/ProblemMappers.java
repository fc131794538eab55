package se.plus.adapters.rest.problem;

import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import se.plus.adapters.rest.security.Caller;
import se.plus.application.port.in.ManageQueuesUseCase.QueueExistsException;
import se.plus.application.port.in.ManageUsersUseCase.UserExistsException;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.out.ConcurrentChangeException;

/** Every failure as problem+json, in one place; never a stack trace to the client. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException failure) {
            if (failure instanceof Problem) {
                return failure.getResponse();
            }
            int status = failure.getResponse().getStatus();
            String title = failure.getResponse().getStatusInfo().getReasonPhrase();
            String code = status == 404 ? "NOT_FOUND" : status == 401 ? "UNAUTHORIZED" : status == 403 ? "FORBIDDEN"
                    : status == 409 ? "CONFLICT" : "VALIDATION";
            if (status >= 500) {
                LOG.log(Level.WARNING, "request failed", failure);
                return Problem.response(500, "Internal Server Error", "INTERNAL", "the server could not complete the request");
            }
            return Problem.response(status, title, code, failure.getMessage());
        }
    }

    @Provider
    public static class NoSuchUser implements ExceptionMapper<NoSuchUserException> {
        @Inject
        Caller caller;

        @Override
        public Response toResponse(NoSuchUserException failure) {
            // A user who names another extension was already refused with 403; an admin may learn it is missing.
            if (caller.isAdmin()) {
                return Problem.response(404, "Not Found", "NOT_FOUND", "no user has extension " + failure.extension());
            }
            return Problem.response(403, "Forbidden", "FORBIDDEN", "a user may only act on their own extension");
        }
    }

    @Provider
    public static class InvalidInput implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException failure) {
            if (!isOurVerdictOnInput(failure)) {
                return new Unexpected().toResponse(failure);
            }
            return Problem.response(400, "Bad Request", "VALIDATION", failure.getMessage());
        }
    }

    /**
     * Our domain and adapters say "bad input" with {@code IllegalArgumentException}, but so do libraries
     * about our own mistakes (Hibernate about a query it refuses, say): those are server errors, and
     * their messages are not for the client. Ours is the first frame outside the JDK (which throws for
     * us, e.g. {@code Integer.parseInt}).
     */
    static boolean isOurVerdictOnInput(IllegalArgumentException failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            return type.startsWith("se.plus.");
        }
        return false;
    }

    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException failure) {
            return Problem.response(400, "Bad Request", "VALIDATION", "malformed JSON: " + failure.getMessage());
        }
    }

    @Provider
    public static class Concurrent implements ExceptionMapper<ConcurrentChangeException> {
        @Override
        public Response toResponse(ConcurrentChangeException failure) {
            return Problem.response(409, "Conflict", "CONFLICT", failure.getMessage() + "; try again");
        }
    }

    @Provider
    public static class UserExists implements ExceptionMapper<UserExistsException> {
        @Override
        public Response toResponse(UserExistsException failure) {
            return Problem.response(409, "Conflict", "CONFLICT", failure.getMessage());
        }
    }

    @Provider
    public static class QueueExists implements ExceptionMapper<QueueExistsException> {
        @Override
        public Response toResponse(QueueExistsException failure) {
            return Problem.response(409, "Conflict", "CONFLICT", failure.getMessage());
        }
    }

    /**
     * Whatever no other mapper took, checked exceptions included: a transaction that failed at commit
     * ({@code jakarta.transaction.RollbackException}) is checked and would otherwise reach the client as
     * a plain-text 500.
     */
    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception failure) {
            Throwable cause = failure;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
                if (cause instanceof ConcurrentChangeException) {
                    return new Concurrent().toResponse((ConcurrentChangeException) cause);
                }
                if (cause instanceof NoSuchUserException
                        || cause instanceof IllegalArgumentException bad && isOurVerdictOnInput(bad)) {
                    return Problem.response(400, "Bad Request", "VALIDATION", cause.getMessage());
                }
                if (violatesAConstraint(cause)) {
                    // A unique value (a fixed or mobile number) taken by someone else, found by the database at commit.
                    LOG.log(Level.INFO, "change refused by a database constraint: {0}", cause.getMessage());
                    return Problem.response(409, "Conflict", "CONFLICT",
                            "the change conflicts with another record, e.g. a fixed or mobile number another user has");
                }
            }
            LOG.log(Level.SEVERE, "unexpected failure", failure);
            return Problem.response(500, "Internal Server Error", "INTERNAL", "the server could not complete the request");
        }

        /** SQLSTATE class 23 is "integrity constraint violation" (SQL standard; H2 and PostgreSQL alike). */
        private static boolean violatesAConstraint(Throwable cause) {
            return cause instanceof java.sql.SQLIntegrityConstraintViolationException
                    || cause instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23");
        }
    }
}
