package se.plus.adapters.rest.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.Optional;
import se.plus.application.port.in.ManageUsersUseCase.UserDetails;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.Profile;
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

    private static void number(JsonObjectBuilder json, String field, Optional<PhoneNumber> number) {
        number.ifPresentOrElse(n -> json.add(field, n.value()), () -> json.addNull(field));
    }
}
