package se.plus.application.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Optional;
import se.plus.application.port.in.ReadServicesUseCase.Services;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Message;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.Profile;
import se.plus.domain.user.ProfileActivation;
import se.plus.domain.user.User;

/**
 * A user's service state as JSON ({@code GET .../services}) and the answer to a change that was done
 * (the REST dial answer, the JMS {@code DONE} reply): written here once, because contract.md wants the
 * REST and JMS answers to be the same JSON and two copies drifted apart. Adapters may not depend on one
 * another, so the one writer lives where both can see it.
 */
public final class ServiceStateJson {

    /** Looked up once: {@code Json.create...} repeats the ServiceLoader scan on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private ServiceStateJson() {
    }

    /** {@code {outcome: "DONE", service, action, message, messageSv, state}}. */
    public static JsonObject done(String service, String action, Message message, Services state) {
        return JSON.createObjectBuilder()
                .add("outcome", "DONE")
                .add("service", service)
                .add("action", action)
                .add("message", message.en())
                .add("messageSv", message.sv())
                .add("state", of(state))
                .build();
    }

    public static JsonObject of(Services services) {
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
