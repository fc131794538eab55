package se.plus.adapters.rest.problem;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import se.plus.adapters.rest.json.Jsons;
import se.plus.application.json.ServiceStateJson;
import se.plus.application.port.in.ExecuteDialStringUseCase;
import se.plus.application.port.in.ReadServicesUseCase;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;

/** A refused plus-service as problem+json: the one place outcome codes become HTTP statuses. */
public final class Outcomes {

    private Outcomes() {
    }

    public static int status(OutcomeCode code) {
        switch (code) {
            case INVALID_CODE:
            case INVALID_TIME:
                return 400;
            case NOT_ALLOWED:
                return 403;
            case SERVICE_NOT_ACTIVE:
                return 409;
            case UNKNOWN_NUMBER:
                return 422;
            default:
                return 400;
        }
    }

    /** 200 with the state after the change, or the refusal as a problem. */
    public static Response answer(Outcome outcome, ReadServicesUseCase services, Extension extension) {
        return answer(new ExecuteDialStringUseCase.Answer(outcome,
                outcome instanceof Outcome.Done ? Optional.of(services.read(extension)) : Optional.empty()));
    }

    /** 200 with the state the dial left (read in the dial's transaction), or the refusal as a problem. */
    public static Response answer(ExecuteDialStringUseCase.Answer answer) {
        return answer.outcome().fold(done -> Response.ok(ServiceStateJson.done(done.service(), done.action(),
                done.message(), answer.servicesAfter().orElseThrow()).toString()).build(), Outcomes::refused);
    }

    public static Response refused(Outcome.Refused refused) {
        int status = status(refused.code());
        var body = Jsons.object()
                .add("type", "about:blank")
                .add("status", status)
                .add("title", refused.message().en())
                .add("detail", refused.detail())
                .add("code", refused.code().name())
                .add("outcome", "REFUSED")
                .add("message", refused.message().en())
                .add("messageSv", refused.message().sv())
                .build();
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body.toString()).build();
    }
}
