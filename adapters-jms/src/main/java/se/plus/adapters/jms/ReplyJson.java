package se.plus.adapters.jms;

import static se.plus.adapters.jms.JsonP.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Optional;
import se.plus.application.port.in.ReadServicesUseCase.Services;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Message;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.Profile;
import se.plus.domain.user.ProfileActivation;
import se.plus.domain.user.User;

/**
 * The reply JSON: the same as the REST dial answer (contract.md), so one client parses both. The one
 * place outcomes become replies. The service state is written field by field as REST writes it; the
 * code is repeated here rather than shared because adapters do not depend on each other.
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

    static Reply done(String service, String action, Message message, Services state) {
        return new Reply(JSON.createObjectBuilder()
                .add("outcome", DONE)
                .add("service", service)
                .add("action", action)
                .add("message", message.en())
                .add("messageSv", message.sv())
                .add("state", services(state))
                .build().toString(), DONE, false);
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

    /** Processed before: nothing done again; the state as it is now. */
    static Reply alreadyProcessed(String messageId, Instant processedAt, Services state) {
        return new Reply(JSON.createObjectBuilder()
                .add("outcome", ALREADY_PROCESSED)
                .add("detail", "message " + messageId + " was processed at " + processedAt + "; nothing was done again")
                .add("messageId", messageId)
                .add("processedAt", processedAt.toString())
                .add("state", services(state))
                .build().toString(), ALREADY_PROCESSED, false);
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

    static JsonObject services(Services services) {
        User u = services.user();
        JsonObjectBuilder forwarding = JSON.createObjectBuilder();
        forwarding.add("unconditional", target(u.forwardings().unconditional(), Optional.empty()));
        forwarding.add("noAnswer", target(u.forwardings().noAnswer(), Optional.of(u.noAnswerDelaySeconds())));
        forwarding.add("busy", target(u.forwardings().busy(), Optional.empty()));
        ProfileActivation active = u.effectiveActivation(services.at());
        Profile profile = u.profiles().getOrAvailable(active.profileNumber());
        JsonObjectBuilder activeProfile = JSON.createObjectBuilder()
                .add("number", profile.number())
                .add("name", profile.name())
                .add("handling", profile.handling().name());
        active.until().ifPresentOrElse(until -> activeProfile.add("until", until.toString()),
                () -> activeProfile.addNull("until"));
        JsonArrayBuilder queues = JSON.createArrayBuilder();
        for (Queue queue : services.queues()) {
            queues.add(JSON.createObjectBuilder()
                    .add("number", queue.number())
                    .add("name", queue.name())
                    .add("loggedIn", queue.isLoggedIn(u.extension())));
        }
        return JSON.createObjectBuilder()
                .add("extension", u.extension().digits())
                .add("forwarding", forwarding)
                .add("noAnswerDelaySeconds", u.noAnswerDelaySeconds())
                .add("activeProfile", activeProfile)
                .add("queues", queues)
                .add("callWaiting", u.callWaiting())
                .add("transferMode", u.transferMode().name())
                .add("hideNumberOnExternalCalls", u.hideNumberOnExternalCalls())
                .add("mobileFollowsFixed", u.mobileFollowsFixed())
                .build();
    }

    private static JsonObjectBuilder target(Optional<PhoneNumber> target, Optional<Integer> delay) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("active", target.isPresent());
        target.ifPresentOrElse(t -> json.add("target", t.value()), () -> json.addNull("target"));
        delay.ifPresent(d -> json.add("delaySeconds", d));
        return json;
    }
}
