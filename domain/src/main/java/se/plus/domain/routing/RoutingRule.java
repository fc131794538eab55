package se.plus.domain.routing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.routing.RoutingStep.Barred;
import se.plus.domain.routing.RoutingStep.Busy;
import se.plus.domain.routing.RoutingStep.ForwardAfterDelay;
import se.plus.domain.routing.RoutingStep.ForwardNow;
import se.plus.domain.routing.RoutingStep.RingDevices;
import se.plus.domain.routing.RoutingStep.Voicemail;
import se.plus.domain.user.ForwardingPolicy;
import se.plus.domain.user.Profile;
import se.plus.domain.user.User;

/**
 * One rule of routing: decides the plan for a call, or passes it to the next rule. {@link #ALL} is the
 * order of precedence; the last rule always decides.
 */
@FunctionalInterface
public interface RoutingRule {

    /** Diversions a call may go through; the one after that is not followed (cuts loops). */
    int MAX_HOPS = ForwardingPolicy.MAX_HOPS;

    Optional<RoutingPlan> decide(User callee, IncomingCall call, Instant now);

    /** {@code *60*}: past barring, referral (profile) and forwarding, straight to the colleague's phones. */
    RoutingRule bypassSkipsBarringReferralAndForwarding = (callee, call, now) -> call.bypass()
            ? Optional.of(ringOrBusy(callee, call, "bypassSkipsBarringReferralAndForwarding",
                    "placed with *60*: barring, referral and forwarding are bypassed"))
            : Optional.empty();

    /**
     * A queue offers its call to the member; the member's forwardings and profile do not divert it (the
     * FAQ: forwarding concerns direct calls, and the queue decides what happens when nobody answers).
     */
    RoutingRule queueCallsRingTheMember = (callee, call, now) -> call.kind() == CallKind.QUEUE
            ? Optional.of(ringOrBusy(callee, call, "queueCallsRingTheMember",
                    "a queue call rings the logged-in member; forwarding and profiles apply to direct calls"))
            : Optional.empty();

    /** FAQ: "Avser endast fastnummer" unless calls to the mobile are handled as calls to the fixed number. */
    RoutingRule mobileFollowsRulesOnlyWhenItFollowsFixed = (callee, call, now) ->
            call.calledNumber() == CalledNumber.MOBILE && !callee.mobileFollowsFixed()
                    ? Optional.of(ringOrBusy(callee, call, "mobileFollowsRulesOnlyWhenItFollowsFixed",
                            "a call to the mobile number follows forwarding and profiles only when "
                                    + "'mobile follows fixed' is on, and it is off"))
                    : Optional.empty();

    /** Every incoming direct call goes to the unconditional target. */
    RoutingRule unconditionalForwarding = (callee, call, now) -> {
        Optional<PhoneNumber> target = callee.forwardings().unconditional();
        return target.isPresent() && mayDivert(call)
                ? Optional.of(plan(call, "unconditionalForwarding",
                        "unconditional forwarding to " + target.get(), new ForwardNow(target.get())))
                : Optional.empty();
    };

    /** The active profile's handling, unless it is one that rings. */
    RoutingRule activeProfileHandling = (callee, call, now) -> {
        Profile profile = callee.effectiveProfile(now);
        String why = "profile " + profile.number() + " (" + profile.name() + ") is active";
        switch (profile.handling()) {
            case BARRED:
                return Optional.of(plan(call, "activeProfileHandling", why + " and bars calls",
                        new Barred(profile.referralMessage())));
            case VOICEMAIL:
                return Optional.of(plan(call, "activeProfileHandling", why + " and sends calls to voicemail",
                        new Voicemail(callee.extension())));
            case FORWARD:
                PhoneNumber target = profile.forwardTo().orElseThrow();
                return mayDivert(call)
                        ? Optional.of(plan(call, "activeProfileHandling", why + " and forwards calls to " + target,
                                new ForwardNow(target)))
                        : Optional.empty();
            default:
                return Optional.empty();
        }
    };

    /** Busy: the busy forwarding, else a waiting call (call waiting on), else busy. */
    RoutingRule busyHandling = (callee, call, now) -> {
        if (!call.calleeBusy()) {
            return Optional.empty();
        }
        Optional<PhoneNumber> busyTarget = callee.forwardings().busy();
        if (busyTarget.isPresent() && mayDivert(call)) {
            return Optional.of(plan(call, "busyHandling", "the user is busy: forwarding on busy to "
                    + busyTarget.get(), new ForwardNow(busyTarget.get())));
        }
        if (!callee.callWaiting()) {
            return Optional.of(plan(call, "busyHandling", "the user is busy and call waiting is off", new Busy()));
        }
        return Optional.of(ringThenNoAnswer(callee, call, "busyHandling", "the user is busy; call waiting is on"));
    };

    /** The call rings the user, and after the no-answer delay goes to the no-answer target. */
    RoutingRule ringThenForwardOnNoAnswer = (callee, call, now) ->
            callee.forwardings().noAnswer().isPresent() && mayDivert(call)
                    ? Optional.of(ringThenNoAnswer(callee, call, "ringThenForwardOnNoAnswer", "the call rings"))
                    : Optional.empty();

    /** Nothing diverts the call: it rings. */
    RoutingRule ring = (callee, call, now) -> Optional.of(plan(call, "ring",
            call.hops() >= MAX_HOPS
                    ? "hop limit of " + MAX_HOPS + " diversions reached: no further forwarding; the call rings"
                    : "no forwarding or profile diverts the call; it rings",
            new RingDevices(callee.extension())));

    List<RoutingRule> ALL = List.of(bypassSkipsBarringReferralAndForwarding, queueCallsRingTheMember,
            mobileFollowsRulesOnlyWhenItFollowsFixed, unconditionalForwarding, activeProfileHandling, busyHandling,
            ringThenForwardOnNoAnswer, ring);

    /** The name of each rule of {@link #ALL}, in the same order: what a decision trace shows. */
    List<String> NAMES = List.of("bypassSkipsBarringReferralAndForwarding", "queueCallsRingTheMember",
            "mobileFollowsRulesOnlyWhenItFollowsFixed", "unconditionalForwarding", "activeProfileHandling",
            "busyHandling", "ringThenForwardOnNoAnswer", "ring");

    private static boolean mayDivert(IncomingCall call) {
        return call.hops() < MAX_HOPS;
    }

    private static RoutingPlan ringOrBusy(User callee, IncomingCall call, String rule, String why) {
        if (call.calleeBusy() && !callee.callWaiting()) {
            return plan(call, rule, why + "; the user is busy and call waiting is off", new Busy());
        }
        return plan(call, rule, why, new RingDevices(callee.extension()));
    }

    private static RoutingPlan ringThenNoAnswer(User callee, IncomingCall call, String rule, String why) {
        Optional<PhoneNumber> target = callee.forwardings().noAnswer();
        if (target.isPresent() && mayDivert(call)) {
            int delay = callee.noAnswerDelaySeconds();
            return new RoutingPlan(List.of(new RingDevices(callee.extension()),
                    new ForwardAfterDelay(target.get(), delay)), rule,
                    why + ", then after " + delay + " s without answer it goes to " + target.get(),
                    call.callerHidden());
        }
        return plan(call, rule, why, new RingDevices(callee.extension()));
    }

    private static RoutingPlan plan(IncomingCall call, String rule, String why, RoutingStep step) {
        return new RoutingPlan(List.of(step), rule, why, call.callerHidden());
    }
}
