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
        if (event instanceof ForwardingChanged) {
            var e = (ForwardingChanged) event;
            json.add("kind", e.kind().name());
            e.target().ifPresentOrElse(t -> json.add("target", t.value()), () -> json.addNull("target"));
            json.add("noAnswerDelaySeconds", e.noAnswerDelaySeconds());
        } else if (event instanceof ProfileActivated) {
            var e = (ProfileActivated) event;
            json.add("profile", e.profileNumber()).add("profileName", e.profileName());
            e.until().ifPresentOrElse(u -> json.add("until", u.toString()), () -> json.addNull("until"));
        } else if (event instanceof ProfileExpired) {
            var e = (ProfileExpired) event;
            json.add("profile", e.expiredProfileNumber()).add("profileName", e.expiredProfileName())
                    .add("endedAt", e.endedAt().toString());
        } else if (event instanceof QueueLogin) {
            json.add("queue", ((QueueLogin) event).queueNumber());
        } else if (event instanceof QueueLogout) {
            json.add("queue", ((QueueLogout) event).queueNumber());
        } else if (event instanceof CallWaitingChanged) {
            json.add("on", ((CallWaitingChanged) event).on());
        } else if (event instanceof CallPickedUp) {
            var e = (CallPickedUp) event;
            json.add("ringingAt", e.ringingAt().digits());
            e.caller().ifPresent(caller -> json.add("caller", caller.value()));
        } else if (event instanceof CallTransferred) {
            var e = (CallTransferred) event;
            json.add("target", e.target().value()).add("mode", e.mode().name());
        } else if (event instanceof CallEnded) {
            callDetailRecord((CallEnded) event, json);
        } else if (event instanceof VoicemailLeft) {
            var e = (VoicemailLeft) event;
            // "id" is the event's own (the relay puts it first): the message is "messageId".
            json.add("messageId", e.id());
            e.from().ifPresentOrElse(f -> json.add("from", f.value()), () -> json.addNull("from"));
            json.add("seconds", e.seconds());
        }
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
}
