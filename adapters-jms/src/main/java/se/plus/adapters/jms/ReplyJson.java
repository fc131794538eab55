package se.plus.adapters.jms;

import static se.plus.adapters.jms.JsonP.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;
import se.plus.application.json.ServiceStateJson;
import se.plus.application.port.in.ReadServicesUseCase.Services;
import se.plus.application.port.out.ProcessedMessages.StoredReply;
import se.plus.domain.outcome.Message;
import se.plus.domain.outcome.Outcome;

/**
 * The reply JSON: the same as the REST dial answer (contract.md), so one client parses both. The one
 * place outcomes become replies; the service state and the DONE answer come from the one writer REST
 * uses too ({@link ServiceStateJson}).
 */
final class ReplyJson {

    static final String DONE = "DONE";
    static final String REFUSED = "REFUSED";
    static final String ERROR = "ERROR";
    static final String ALREADY_PROCESSED = "ALREADY_PROCESSED";

    private ReplyJson() {
    }

    static Reply done(Outcome.Done done, Services state) {
        return done(done.service(), done.action(), done.message(), state);
    }

    /** Done, with the id of the call it placed (click-to-dial). */
    static Reply done(Outcome.Done done, Optional<String> callId, Services state) {
        JsonObject base = ServiceStateJson.done(done.service(), done.action(), done.message(), state);
        var json = JSON.createObjectBuilder(base);
        callId.ifPresent(id -> json.add("callId", id));
        return new Reply(json.build().toString(), DONE, false);
    }

    static Reply done(String service, String action, Message message, Services state) {
        return new Reply(ServiceStateJson.done(service, action, message, state).toString(), DONE, false);
    }

    static Reply refused(Outcome.Refused refused) {
        return new Reply(JSON.createObjectBuilder()
                .add("outcome", REFUSED)
                .add("code", refused.code().name())
                .add("detail", refused.detail())
                .add("message", refused.message().en())
                .add("messageSv", refused.message().sv())
                .build().toString(), REFUSED, false);
    }

    /**
     * Processed before: nothing done again; the state as it is now, and the reply the first processing
     * earned ({@code reply}), which a redelivery after a crash may never have sent.
     */
    static Reply alreadyProcessed(String messageId, Instant processedAt, Optional<StoredReply> first, Services state) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("outcome", ALREADY_PROCESSED)
                .add("detail", "message " + messageId + " was processed at " + processedAt + "; nothing was done again")
                .add("messageId", messageId)
                .add("processedAt", processedAt.toString())
                .add("state", ServiceStateJson.of(state));
        first.ifPresent(reply -> json.add("reply", JSON.createReader(new StringReader(reply.text())).readObject()));
        return new Reply(json.build().toString(), ALREADY_PROCESSED, false);
    }

    /** A message that is no command: answered, and kept in the dead-letter queue. */
    static Reply invalid(String detail) {
        return error("VALIDATION", detail, true);
    }

    static Reply error(String code, String detail) {
        return error(code, detail, false);
    }

    private static Reply error(String code, String detail, boolean deadLetter) {
        return new Reply(JSON.createObjectBuilder()
                .add("outcome", ERROR)
                .add("code", code)
                .add("detail", detail)
                .build().toString(), ERROR, deadLetter);
    }
}
