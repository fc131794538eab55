package se.plus.adapters.rest.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Optional;
import se.plus.application.port.in.ManageUsersUseCase.UserDetails;
import se.plus.application.port.in.ReadServicesUseCase.Services;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.Profile;
import se.plus.domain.user.ProfileActivation;
import se.plus.domain.user.User;

/** The JSON the REST API answers with (contract.md), built field by field. */
public final class Representations {

    private Representations() {
    }

    public static JsonObject user(UserDetails details) {
        User u = details.user();
        JsonObjectBuilder json = Jsons.object()
                .add("extension", u.extension().digits())
                .add("name", u.name());
        number(json, "fixedNumber", u.fixedNumber());
        number(json, "mobileNumber", u.mobileNumber());
        return json.add("role", details.role().name())
                .add("transferMode", u.transferMode().name())
                .add("mobileFollowsFixed", u.mobileFollowsFixed())
                .add("noAnswerDelaySeconds", u.noAnswerDelaySeconds())
                .add("hideNumberOnExternalCalls", u.hideNumberOnExternalCalls())
                .add("voicemailEnabled", u.voicemailEnabled())
                .build();
    }

    public static JsonObject services(Services services) {
        User u = services.user();
        JsonObjectBuilder forwarding = Jsons.object();
        forwarding.add("unconditional", target(u.forwardings().unconditional(), Optional.empty()));
        forwarding.add("noAnswer", target(u.forwardings().noAnswer(), Optional.of(u.noAnswerDelaySeconds())));
        forwarding.add("busy", target(u.forwardings().busy(), Optional.empty()));
        ProfileActivation active = u.effectiveActivation(services.at());
        Profile profile = u.profiles().getOrAvailable(active.profileNumber());
        JsonObjectBuilder activeProfile = Jsons.object()
                .add("number", profile.number())
                .add("name", profile.name())
                .add("handling", profile.handling().name());
        active.until().ifPresentOrElse(until -> activeProfile.add("until", until.toString()),
                () -> activeProfile.addNull("until"));
        JsonArrayBuilder queues = Jsons.array();
        for (Queue queue : services.queues()) {
            queues.add(Jsons.object()
                    .add("number", queue.number())
                    .add("name", queue.name())
                    .add("loggedIn", queue.isLoggedIn(u.extension())));
        }
        return Jsons.object()
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

    public static JsonObject done(Outcome.Done done, JsonObject state) {
        return Jsons.object()
                .add("outcome", "DONE")
                .add("service", done.service())
                .add("action", done.action())
                .add("message", done.message().en())
                .add("messageSv", done.message().sv())
                .add("state", state)
                .build();
    }

    public static JsonObject profile(Profile p) {
        JsonObjectBuilder json = Jsons.object()
                .add("number", p.number())
                .add("name", p.name())
                .add("handling", p.handling().name());
        p.forwardTo().ifPresentOrElse(t -> json.add("target", t.value()), () -> json.addNull("target"));
        p.referralMessage().ifPresentOrElse(m -> json.add("referralMessage", m), () -> json.addNull("referralMessage"));
        p.defaultDuration().map(Duration::toString)
                .ifPresentOrElse(d -> json.add("defaultDuration", d), () -> json.addNull("defaultDuration"));
        return json.build();
    }

    public static JsonObject queue(Queue q) {
        JsonArrayBuilder members = Jsons.array();
        q.members().stream().sorted().forEach(m -> members.add(m.digits()));
        JsonArrayBuilder loggedIn = Jsons.array();
        q.loggedIn().stream().sorted().forEach(m -> loggedIn.add(m.digits()));
        return Jsons.object()
                .add("number", q.number())
                .add("name", q.name())
                .add("members", members)
                .add("loggedIn", loggedIn)
                .add("strategy", q.strategy().name())
                .build();
    }

    private static JsonObjectBuilder target(Optional<PhoneNumber> target, Optional<Integer> delay) {
        JsonObjectBuilder json = Jsons.object().add("active", target.isPresent());
        target.ifPresentOrElse(t -> json.add("target", t.value()), () -> json.addNull("target"));
        delay.ifPresent(d -> json.add("delaySeconds", d));
        return json;
    }

    private static void number(JsonObjectBuilder json, String field, Optional<PhoneNumber> number) {
        number.ifPresentOrElse(n -> json.add(field, n.value()), () -> json.addNull(field));
    }
}
