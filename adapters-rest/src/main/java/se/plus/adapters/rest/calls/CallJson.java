package se.plus.adapters.rest.calls;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;
import se.plus.adapters.rest.json.Jsons;
import se.plus.application.port.in.RouteCallUseCase.Busy;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.in.RouteCallUseCase.Explanation;
import se.plus.application.port.in.RouteCallUseCase.NotReached;
import se.plus.application.port.in.RouteCallUseCase.OutThroughTrunk;
import se.plus.application.port.in.RouteCallUseCase.Refused;
import se.plus.application.port.in.RouteCallUseCase.RingQueue;
import se.plus.application.port.in.RouteCallUseCase.RingUser;
import se.plus.application.port.in.RouteCallUseCase.ToVoicemail;
import se.plus.application.port.out.CallRecord;
import se.plus.application.port.out.LiveCallView;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.number.Extension;
import se.plus.domain.routing.Diversion;

/** The JSON of finished calls and of the dry run's route tree: one vocabulary for both. */
final class CallJson {

    private CallJson() {
    }

    static JsonObject record(CallRecord call) {
        JsonObjectBuilder json = Jsons.object()
                .add("id", call.id())
                .add("from", call.from());
        optional(json, "fromUser", call.fromUser());
        json.add("to", call.to());
        optional(json, "calledUser", call.calledUser());
        optional(json, "answeredBy", call.answeredBy());
        json.add("start", call.start().toString());
        call.answer().ifPresentOrElse(a -> json.add("answer", a.toString()), () -> json.addNull("answer"));
        json.add("end", call.end().toString())
                .add("outcome", call.outcome())
                .add("diversions", diversions(call.diversions()))
                .add("trace", trace(call.trace()));
        JsonArrayBuilder legs = Jsons.array();
        for (CallRecord.LegTried leg : call.legs()) {
            JsonObjectBuilder l = Jsons.object().add("target", leg.target());
            optional(l, "user", leg.user());
            legs.add(l.add("result", leg.result()).add("status", leg.status()));
        }
        return json.add("legs", legs).build();
    }

    /** A call in progress: who placed it, where it rings, who answered, a transfer being announced. */
    static JsonObject live(LiveCallView call) {
        JsonObjectBuilder json = Jsons.object().add("id", call.id()).add("state", call.state());
        optional(json, "fromUser", call.callerUser());
        call.callerNumber().ifPresentOrElse(n -> json.add("from", n), () -> json.addNull("from"));
        JsonArrayBuilder ringing = Jsons.array();
        call.ringingAt().forEach(user -> ringing.add(user.digits()));
        json.add("ringingAt", ringing);
        optional(json, "answeredBy", call.answeredBy());
        call.transferringTo().ifPresent(to -> json.add("transferringTo", to));
        return json.build();
    }

    /** What a call-control request started: {@code {outcome, service, action, message, messageSv}} (and the call). */
    static JsonObject started(Outcome.Done done, java.util.Optional<String> callId) {
        JsonObjectBuilder json = Jsons.object().add("outcome", "DONE").add("service", done.service())
                .add("action", done.action());
        callId.ifPresent(id -> json.add("callId", id));
        return json.add("message", done.message().en()).add("messageSv", done.message().sv()).build();
    }

    /** A route and what follows it: {@code {action, trace, ...}}, {@code onNoAnswer}/{@code onBusy} nested. */
    static JsonObject route(CallRoute route) {
        JsonObjectBuilder json = Jsons.object();
        if (route instanceof RingUser ring) {
            JsonArrayBuilder devices = Jsons.array();
            ring.devices().forEach(d -> devices.add(Jsons.object().add("contact", d.contact())
                    .add("dialect", d.dialect().name())));
            json.add("action", "RING").add("user", ring.callee().extension().digits())
                    .add("calledNumber", ring.calledNumber().name()).add("devices", devices)
                    .add("diversions", diversions(ring.diversions()));
            ring.noAnswerAfter().ifPresentOrElse(d -> json.add("noAnswerAfterSeconds", d.toSeconds()),
                    () -> json.addNull("noAnswerAfterSeconds"));
            json.add("onNoAnswer", route(ring.onNoAnswer())).add("onBusy", route(ring.onBusy()));
        } else if (route instanceof RingQueue queue) {
            JsonArrayBuilder members = Jsons.array();
            queue.members().forEach(m -> members.add(m.user().digits()));
            json.add("action", "RING_QUEUE").add("queue", queue.queue()).add("members", members);
            queue.noAnswerAfter().ifPresentOrElse(d -> json.add("noAnswerAfterSeconds", d.toSeconds()),
                    () -> json.addNull("noAnswerAfterSeconds"));
            json.add("onNoAnswer", route(queue.onNoAnswer()));
        } else if (route instanceof OutThroughTrunk trunk) {
            json.add("action", "TRUNK").add("number", trunk.number().value())
                    .add("diversions", diversions(trunk.diversions()));
        } else if (route instanceof ToVoicemail voicemail) {
            json.add("action", "VOICEMAIL").add("mailbox", voicemail.mailbox().digits())
                    .add("cause", voicemail.cause().name()).add("diversions", diversions(voicemail.diversions()));
        } else if (route instanceof Busy) {
            json.add("action", "BUSY");
        } else if (route instanceof NotReached notReached) {
            json.add("action", "NOT_REACHED");
            notReached.message().ifPresent(m -> json.add("message", m));
        } else if (route instanceof Refused refused) {
            json.add("action", "REFUSED").add("code", refused.code().name()).add("detail", refused.detail());
        }
        return json.add("trace", trace(route.trace())).build();
    }

    private static JsonArrayBuilder trace(List<Explanation> trace) {
        JsonArrayBuilder steps = Jsons.array();
        for (Explanation step : trace) {
            JsonObjectBuilder s = Jsons.object();
            optional(s, "user", step.user());
            JsonArrayBuilder passed = Jsons.array();
            step.rulesPassed().forEach(passed::add);
            steps.add(s.add("rulesPassed", passed).add("decidedBy", step.rule()).add("why", step.why()));
        }
        return steps;
    }

    private static JsonArrayBuilder diversions(List<Diversion> diversions) {
        JsonArrayBuilder array = Jsons.array();
        diversions.forEach(d -> array.add(Jsons.object().add("by", d.by().digits()).add("cause", d.cause().name())
                .add("to", d.to().value())));
        return array;
    }

    private static void optional(JsonObjectBuilder json, String name, Optional<Extension> user) {
        user.ifPresentOrElse(u -> json.add(name, u.digits()), () -> json.addNull(name));
    }
}
