package se.plus.adapters.jms;

import static se.plus.adapters.jms.JsonP.JSON;

import jakarta.json.JsonObjectBuilder;
import se.plus.application.port.in.EntryPoint;
import se.plus.domain.event.CallEnded;
import se.plus.domain.event.CallPickedUp;
import se.plus.domain.event.CallTransferred;
import se.plus.domain.event.CallWaitingChanged;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.event.ForwardingChanged;
import se.plus.domain.event.ProfileActivated;
import se.plus.domain.event.ProfileExpired;
import se.plus.domain.event.QueueLogin;
import se.plus.domain.event.QueueLogout;
import se.plus.domain.event.VoicemailLeft;

/**
 * The JSON of an event on {@code plus.events}: {@code {type, extension, at, source, ...}} with the
 * fields of its type (README, "Events"). Written field by field so the schema is ours, not a side
 * effect of the domain's record layout.
 */
final class EventJson {

    private EventJson() {
    }

    /**
     * The text sent: the stored event with its {@code id} and its {@code sequence} in its extension's
     * events first, given by the outbox (README, "Events").
     */
    static String numbered(String stored, String id, long sequence) {
        return "{\"id\":\"" + id + "\",\"sequence\":" + sequence + "," + stored.substring(1);
    }

    /** The event as stored in the outbox: everything but its id and sequence. */
    static String of(DomainEvent event, EntryPoint source) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", event.type())
                .add("extension", event.extension().digits())
                .add("at", event.at().toString())
                .add("source", source.name());
        event.accept(new Fields(json));
        return json.build().toString();
    }

    /** Contract: {@code {id, from, to, answeredBy, start, answer, end, outcome, diversions}}, the id as {@code callId}. */
    private static void callDetailRecord(CallEnded e, JsonObjectBuilder json) {
        // "id" is the event's own (the relay puts it first): the call is "callId".
        json.add("callId", e.callId()).add("from", e.from()).add("to", e.to());
        e.answeredBy().ifPresentOrElse(u -> json.add("answeredBy", u.digits()), () -> json.addNull("answeredBy"));
        json.add("start", e.start().toString());
        e.answer().ifPresentOrElse(a -> json.add("answer", a.toString()), () -> json.addNull("answer"));
        json.add("end", e.at().toString()).add("outcome", e.outcome());
        var diversions = JSON.createArrayBuilder();
        e.diversions().forEach(d -> diversions.add(JSON.createObjectBuilder().add("by", d.by().digits())
                .add("cause", d.cause().name()).add("to", d.to().value())));
        json.add("diversions", diversions);
    }

    /** Each kind of event's own fields, beside the ones every event has. */
    private record Fields(JsonObjectBuilder json) implements DomainEvent.Visitor<JsonObjectBuilder> {

        @Override
        public JsonObjectBuilder forwardingChanged(ForwardingChanged e) {
            json.add("kind", e.kind().name());
            e.target().ifPresentOrElse(t -> json.add("target", t.value()), () -> json.addNull("target"));
            return json.add("noAnswerDelaySeconds", e.noAnswerDelaySeconds());
        }

        @Override
        public JsonObjectBuilder profileActivated(ProfileActivated e) {
            json.add("profile", e.profileNumber()).add("profileName", e.profileName());
            e.until().ifPresentOrElse(u -> json.add("until", u.toString()), () -> json.addNull("until"));
            return json;
        }

        @Override
        public JsonObjectBuilder profileExpired(ProfileExpired e) {
            return json.add("profile", e.expiredProfileNumber()).add("profileName", e.expiredProfileName())
                    .add("endedAt", e.endedAt().toString());
        }

        @Override
        public JsonObjectBuilder queueLogin(QueueLogin e) {
            return json.add("queue", e.queueNumber());
        }

        @Override
        public JsonObjectBuilder queueLogout(QueueLogout e) {
            return json.add("queue", e.queueNumber());
        }

        @Override
        public JsonObjectBuilder callWaitingChanged(CallWaitingChanged e) {
            return json.add("on", e.on());
        }

        @Override
        public JsonObjectBuilder callPickedUp(CallPickedUp e) {
            json.add("ringingAt", e.ringingAt().digits());
            e.caller().ifPresent(caller -> json.add("caller", caller.value()));
            return json;
        }

        @Override
        public JsonObjectBuilder callTransferred(CallTransferred e) {
            return json.add("target", e.target().value()).add("mode", e.mode().name());
        }

        @Override
        public JsonObjectBuilder callEnded(CallEnded e) {
            callDetailRecord(e, json);
            return json;
        }

        @Override
        public JsonObjectBuilder voicemailLeft(VoicemailLeft e) {
            // "id" is the event's own (the relay puts it first): the message is "messageId".
            json.add("messageId", e.id());
            e.from().ifPresentOrElse(f -> json.add("from", f.value()), () -> json.addNull("from"));
            return json.add("seconds", e.seconds());
        }
    }
}
