package se.plus.adapters.sip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import se.plus.adapters.sip.SipCall.Leg;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.in.RouteCallUseCase.Explanation;
import se.plus.application.port.out.CallRecord;
import se.plus.application.port.out.CallRecord.LegTried;
import se.plus.domain.call.CallParty;
import se.plus.domain.call.LiveCall;
import se.plus.domain.number.Extension;

/** The record of a call the B2BUA carried, made when it is released. */
final class CallRecording {

    private CallRecording() {
    }

    static CallRecord of(SipCall call) {
        LiveCall live = call.call;
        List<LegTried> legs = new ArrayList<>(call.legs.size());
        Set<Extension> participants = new LinkedHashSet<>();
        live.caller().user().ifPresent(participants::add);
        live.callee().ifPresent(participants::add);
        call.diversions.forEach(d -> participants.add(d.by()));
        live.answeredBy().ifPresent(participants::add);
        for (Leg leg : call.legs.values()) {
            leg.user.ifPresent(participants::add);
            legs.add(new LegTried(leg.target(), leg.user,
                    legResult(live, leg), leg.finalStatus));
        }
        return new CallRecord(live.id(), shown(live.caller()), live.caller().user(), call.dialled, live.callee(),
                live.answeredBy(), call.startedAt, Optional.ofNullable(call.answeredAt), Instant.now(),
                outcome(call), call.diversions, trace(call), legs,
                participants);
    }

    /** The route's trace, after what an in-call action left of earlier routes, before the actions since. */
    private static List<Explanation> trace(SipCall call) {
        List<Explanation> trace = new ArrayList<>(call.traceBefore);
        if (call.route != null) {
            trace.addAll(call.route.trace());
        }
        trace.addAll(call.traceAfter);
        return trace;
    }

    /** A call answered with a final refusal before anything rang (busy, barred, unknown number). */
    static CallRecord refusedAtOnce(RouteCallUseCase.Origin origin, String dialled, CallRoute route, int status) {
        Optional<Extension> fromUser = origin instanceof RouteCallUseCase.FromUser user ? Optional.of(user.user())
                : Optional.empty();
        String from = origin instanceof RouteCallUseCase.FromTrunk trunk
                ? (trunk.withheld() ? "anonymous" : trunk.callerNumber().orElse("unknown"))
                : fromUser.map(Extension::digits).orElse("unknown");
        Optional<Extension> calledUser = route.trace().stream().map(Explanation::user).flatMap(Optional::stream)
                .findFirst();
        Set<Extension> participants = new LinkedHashSet<>();
        fromUser.ifPresent(participants::add);
        route.trace().forEach(step -> step.user().ifPresent(participants::add));
        Instant now = Instant.now();
        return new CallRecord(UUID.randomUUID().toString(), from, fromUser, dialled, calledUser, Optional.empty(), now,
                Optional.empty(), now, statusOutcome(status), List.of(), route.trace(), List.of(), participants);
    }

    /** What a person reading the record calls the caller. */
    static String shown(CallParty caller) {
        if (caller.hidden()) {
            return "anonymous";
        }
        return caller.number().map(n -> n.value()).orElse("unknown");
    }

    private static String outcome(SipCall call) {
        if (call.voicemail != null) {
            return "VOICEMAIL";
        }
        if (call.answeredAt != null) {
            return "ANSWERED";
        }
        LiveCall.Ending ending = call.call.ending().orElse(LiveCall.Ending.LEG_LOST);
        return switch (ending) {
            case CANCELLED -> "CANCELLED";
            case NO_ANSWER -> "NO_ANSWER";
            case REFUSED -> statusOutcome(call.finalStatus);
            case HUNG_UP, MEDIA_TIMEOUT, MAX_DURATION, LEG_LOST -> "FAILED";
        };
    }

    static String statusOutcome(int status) {
        return switch (status) {
            case 486, 600 -> "BUSY";
            case 603 -> "DECLINED";
            case 408, 480 -> "NO_ANSWER";
            default -> "REFUSED";
        };
    }

    private static String legResult(LiveCall live, Leg leg) {
        if (live.answeredLeg().filter(leg.id::equals).isPresent()) {
            return "ANSWERED";
        }
        LiveCall.LegState state = live.leg(leg.id);
        if (state == LiveCall.LegState.CANCELLED || state == LiveCall.LegState.CANCEL_OWED || leg.finalStatus == 487) {
            return "CANCELLED";
        }
        if (leg.finalStatus >= 200 && leg.finalStatus < 300) {
            return "ANSWERED_TOO_LATE";
        }
        return leg.finalStatus == 0 ? "NO_ANSWER" : statusOutcome(leg.finalStatus);
    }
}
