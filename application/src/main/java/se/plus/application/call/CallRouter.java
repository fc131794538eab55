package se.plus.application.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.RouteCallUseCase.Busy;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.in.RouteCallUseCase.Explanation;
import se.plus.application.port.in.RouteCallUseCase.NotReached;
import se.plus.application.port.in.RouteCallUseCase.OutThroughTrunk;
import se.plus.application.port.in.RouteCallUseCase.QueueMember;
import se.plus.application.port.in.RouteCallUseCase.RingQueue;
import se.plus.application.port.in.RouteCallUseCase.Refused;
import se.plus.application.port.in.RouteCallUseCase.RingUser;
import se.plus.application.port.in.RouteCallUseCase.ToVoicemail;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.LiveCalls;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Users;
import se.plus.domain.call.CallParty;
import se.plus.domain.call.CallServices;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.queue.Queue;
import se.plus.domain.queue.QueueStrategy;
import se.plus.domain.routing.CallKind;
import se.plus.domain.routing.CalledNumber;
import se.plus.domain.routing.Diversion;
import se.plus.domain.routing.DiversionCause;
import se.plus.domain.routing.IncomingCall;
import se.plus.domain.routing.RoutingDecision;
import se.plus.domain.routing.RoutingPlan;
import se.plus.domain.routing.RoutingPolicy;
import se.plus.domain.routing.RoutingRule;
import se.plus.domain.routing.RoutingStep;
import se.plus.domain.user.User;

/**
 * Turns the routing rules of the callee (and of everyone the call is diverted to) into the tree of
 * {@link CallRoute}s the phone adapter carries out: the first step now, and what follows when nobody
 * answers or everyone is busy. The whole tree is worked out when the call arrives, with the state of that
 * moment; the dry run asks the same question and gets the same tree.
 *
 * <p>Contract, "Busy" and "No answer": with neither no-answer nor busy forwarding, a user whose voicemail
 * is on gets the call in voicemail after the no-answer delay (at once when busy); otherwise it rings
 * until the caller gives up. No registered device counts as no answer at once.
 */
final class CallRouter {

    /** Longest-idle queues offer the call to each member for this long before the next. */
    static final int HUNT_SECONDS = 15;

    private final Users users;
    private final Locations locations;
    private final LiveCalls liveCalls;
    private final CompanySettings company;

    CallRouter(Users users, Locations locations, LiveCalls liveCalls, CompanySettings company) {
        this.users = users;
        this.locations = locations;
        this.liveCalls = liveCalls;
        this.company = company;
    }

    /** A call for {@code callee}, reached by dialling {@code dialled}, not yet diverted. */
    CallRoute toUser(User callee, PhoneNumber dialled, CallParty caller, boolean bypass, Instant now) {
        IncomingCall call = new IncomingCall(caller.number(), caller.hidden(), calledNumber(callee, dialled),
                CallKind.DIRECT, bypass, liveCalls.inCall(callee.extension()), 0);
        return route(callee, call, caller, Path.START, now);
    }

    /**
     * A call to a queue's number: its logged-in members ring, each as a queue call (their forwarding and
     * profiles do not divert it; a member in a call without call waiting is skipped). Ring-all rings
     * everyone until the caller gives up; longest-idle offers the call to one member at a time, the one
     * whose last call ended longest ago first, for {@link #HUNT_SECONDS} each, then the next.
     */
    CallRoute toQueue(Queue queue, CallParty caller, Instant now) {
        Explanation why = new Explanation(Optional.empty(), List.of(), "queue", "a call to queue " + queue.number()
                + " (" + queue.name() + ") rings its logged-in members, " + queue.strategy());
        List<QueueMember> available = new ArrayList<>();
        for (Extension member : queue.loggedIn()) {
            Optional<User> user = users.find(member);
            if (user.isEmpty()) {
                continue;
            }
            IncomingCall call = new IncomingCall(caller.number(), caller.hidden(), CalledNumber.EXTENSION,
                    CallKind.QUEUE, false, liveCalls.inCall(member), 0);
            if (RoutingPolicy.route(user.get(), call, now).first() instanceof RoutingStep.RingDevices) {
                List<Binding> devices = locations.bindingsOf(member, now);
                if (!devices.isEmpty()) {
                    available.add(new QueueMember(member, devices));
                }
            }
        }
        if (available.isEmpty()) {
            String detail = queue.loggedIn().isEmpty() ? "nobody is logged in to queue " + queue.number()
                    : "no logged-in member of queue " + queue.number() + " can take a call now";
            return new Refused(OutcomeCode.SERVICE_NOT_ACTIVE, detail, List.of(why,
                    new Explanation(Optional.empty(), List.of(), "queue", detail)));
        }
        NotReached nobody = new NotReached(Optional.empty(), List.of(why, new Explanation(Optional.empty(), List.of(),
                "queue", "no member answered")));
        if (queue.strategy() == QueueStrategy.RING_ALL) {
            return new RingQueue(queue.number(), queue.name(), available, caller, Optional.empty(), nobody, List.of(why));
        }
        available.sort(Comparator.comparing((QueueMember m) -> liveCalls.lastCallEnded(m.user()).orElse(Instant.EPOCH))
                .thenComparing(m -> m.user().digits()));
        CallRoute next = nobody;
        for (int i = available.size() - 1; i >= 0; i--) {
            QueueMember member = available.get(i);
            next = new RingQueue(queue.number(), queue.name(), List.of(member), caller,
                    Optional.of(Duration.ofSeconds(HUNT_SECONDS)), next, List.of(why, new Explanation(
                            Optional.of(member.user()), List.of(), "queue", member.user() + " is idle longest of those "
                                    + "not yet offered the call: their devices ring for " + HUNT_SECONDS + " s")));
        }
        return next;
    }

    /** Out through the trunk, when there is one. */
    CallRoute outThroughTrunk(PhoneNumber number, CallParty caller, Path path, Explanation why) {
        if (!company.trunkAvailable()) {
            String detail = "external calls are not possible: no trunk is configured";
            return new Refused(OutcomeCode.NOT_ALLOWED, detail, path.then(new Explanation(why.user(),
                    why.rulesPassed(), why.rule(), why.why() + "; " + detail)));
        }
        return new OutThroughTrunk(number, towardsTrunk(caller, number), path.diversions(), path.then(why));
    }

    /**
     * A user of ours is shown outside by their public (fixed) number, withheld when they asked for it
     * or the admin hides every external call of theirs; a caller from outside keeps the number they came with.
     */
    private CallParty towardsTrunk(CallParty caller, PhoneNumber number) {
        Optional<User> user = caller.user().flatMap(users::find);
        if (user.isEmpty()) {
            return caller;
        }
        User u = user.get();
        return new CallParty(caller.user(), u.fixedNumber().or(() -> Optional.of(u.extension().asPhoneNumber())),
                caller.displayName(), CallServices.withholdsCallerId(u, number, caller.hidden()));
    }

    /** How the call got here: the diversions so far and the decisions taken on the way. */
    record Path(List<Diversion> diversions, List<Explanation> trace) {
        static final Path START = new Path(List.of(), List.of());

        List<Explanation> then(Explanation last) {
            List<Explanation> all = new ArrayList<>(trace.size() + 1);
            all.addAll(trace);
            all.add(last);
            return List.copyOf(all);
        }

        Path diverted(Diversion diversion, Explanation why) {
            List<Diversion> more = new ArrayList<>(diversions);
            more.add(diversion);
            return new Path(List.copyOf(more), then(why));
        }
    }

    private CallRoute route(User callee, IncomingCall call, CallParty caller, Path path, Instant now) {
        RoutingDecision decision = RoutingPolicy.decide(callee, call, now);
        RoutingPlan plan = decision.plan();
        Explanation why = new Explanation(Optional.of(callee.extension()), decision.rulesPassed(), plan.rule(),
                plan.explanation());
        RoutingStep first = plan.first();
        if (first instanceof RoutingStep.ForwardNow forward) {
            return divert(callee, forward.target(), causeOf(plan), call, caller, path, why, now);
        }
        if (first instanceof RoutingStep.Voicemail voicemail) {
            return new ToVoicemail(voicemail.mailbox(), DiversionCause.PROFILE, caller, path.diversions(),
                    path.then(why));
        }
        if (first instanceof RoutingStep.Barred barred) {
            return new NotReached(barred.referralMessage().or(() -> Optional.of(
                    "The person you called does not take calls now")), path.then(why));
        }
        if (first instanceof RoutingStep.Busy) {
            return whenBusy(callee, call, caller, path, why, now);
        }
        if (first instanceof RoutingStep.RingDevices) {
            return ring(callee, call, caller, path, plan, why, now);
        }
        throw new IllegalStateException("a plan starts by ringing, diverting or refusing: " + plan);
    }

    private CallRoute ring(User callee, IncomingCall call, CallParty caller, Path path, RoutingPlan plan,
                           Explanation why, Instant now) {
        // A call to a mobile that does not follow the fixed number ignores the rules, the fallbacks too.
        boolean mayDivert = mayDivert(call)
                && !(call.calledNumber() == CalledNumber.MOBILE && !callee.mobileFollowsFixed());
        Optional<RoutingStep.ForwardAfterDelay> forwardLater = plan.steps().stream()
                .filter(RoutingStep.ForwardAfterDelay.class::isInstance).map(RoutingStep.ForwardAfterDelay.class::cast)
                .findFirst();
        Path ringing = new Path(path.diversions(), path.then(why));
        CallRoute onNoAnswer;
        Optional<Duration> noAnswerAfter;
        if (forwardLater.isPresent()) {
            onNoAnswer = divert(callee, forwardLater.get().target(), DiversionCause.NO_ANSWER, call, caller, ringing,
                    explain(callee, "noAnswer", "nobody answered within " + forwardLater.get().seconds()
                            + " s: forwarding on no answer to " + forwardLater.get().target()), now);
            noAnswerAfter = Optional.of(Duration.ofSeconds(forwardLater.get().seconds()));
        } else if (mayDivert && callee.voicemailEnabled()) {
            onNoAnswer = new ToVoicemail(callee.extension(), DiversionCause.NO_ANSWER, caller, path.diversions(),
                    ringing.then(explain(callee, "noAnswer", "nobody answered within "
                            + callee.noAnswerDelaySeconds() + " s: the user's voicemail takes the call")));
            noAnswerAfter = Optional.of(Duration.ofSeconds(callee.noAnswerDelaySeconds()));
        } else {
            onNoAnswer = new NotReached(Optional.empty(), ringing.then(explain(callee, "noAnswer",
                    "nobody answered and nothing takes the call")));
            noAnswerAfter = Optional.empty();
        }
        Explanation allBusy = explain(callee, "busyHandling", "every device answered busy");
        CallRoute onBusy = mayDivert
                ? whenBusy(callee, call.whileCalleeBusy(), caller, ringing, allBusy, now)
                : new Busy(ringing.then(allBusy));
        List<Binding> devices = locations.bindingsOf(callee.extension(), now);
        if (!devices.isEmpty()) {
            return new RingUser(callee, call.calledNumber(), devices, caller, call.bypass(), path.diversions(),
                    noAnswerAfter, onNoAnswer, onBusy, path.then(why));
        }
        // Contract: no registered device is as no answer, at once.
        String none = callee.extension() + " has no registered device";
        if (forwardLater.isPresent()) {
            return divert(callee, forwardLater.get().target(), DiversionCause.UNAVAILABLE, call, caller, path,
                    explain(callee, why.rule(), none + ": forwarding on no answer to " + forwardLater.get().target()),
                    now);
        }
        if (onNoAnswer instanceof ToVoicemail) {
            return new ToVoicemail(callee.extension(), DiversionCause.UNAVAILABLE, caller, path.diversions(),
                    path.then(explain(callee, why.rule(), none + ": the user's voicemail takes the call")));
        }
        return new Refused(OutcomeCode.SERVICE_NOT_ACTIVE, none, path.then(explain(callee, why.rule(), none)));
    }

    /** Busy: the busy forwarding, else voicemail when it is on, else busy (486). */
    private CallRoute whenBusy(User callee, IncomingCall call, CallParty caller, Path path, Explanation why,
                               Instant now) {
        Optional<PhoneNumber> busyTarget = callee.forwardings().busy();
        if (busyTarget.isPresent() && mayDivert(call)) {
            return divert(callee, busyTarget.get(), DiversionCause.BUSY, call, caller, path,
                    explain(callee, why.rule(), why.why() + ": forwarding on busy to " + busyTarget.get()), now);
        }
        if (callee.voicemailEnabled() && mayDivert(call)) {
            return new ToVoicemail(callee.extension(), DiversionCause.BUSY, caller, path.diversions(),
                    path.then(explain(callee, why.rule(), why.why() + ": the user's voicemail takes the call")));
        }
        return new Busy(path.then(explain(callee, why.rule(), why.why() + ": the caller hears busy")));
    }

    /** One more diversion: to a colleague (whose own rules then apply) or out through the trunk. */
    private CallRoute divert(User from, PhoneNumber target, DiversionCause cause, IncomingCall call, CallParty caller,
                             Path path, Explanation why, Instant now) {
        Path onward = path.diverted(new Diversion(from.extension(),
                from.fixedNumber().orElse(from.extension().asPhoneNumber()), cause, target), why);
        Optional<User> colleague = users.findByNumber(target);
        if (colleague.isPresent()) {
            User next = colleague.get();
            IncomingCall nextCall = new IncomingCall(call.caller(), call.callerHidden(), calledNumber(next, target),
                    call.kind(), false, liveCalls.inCall(next.extension()), call.hops() + 1);
            return route(next, nextCall, caller, onward, now);
        }
        if (target.isExtension()) {
            String detail = "no extension " + target;
            return new Refused(OutcomeCode.UNKNOWN_NUMBER, detail, onward.then(explain(from, why.rule(), detail)));
        }
        Optional<String> barred = company.forwardTargets().refusal(target);
        if (barred.isPresent()) {
            return new Refused(OutcomeCode.NOT_ALLOWED, barred.get(), onward.then(explain(from, why.rule(), barred.get())));
        }
        return outThroughTrunk(target, caller, onward, explain(from, why.rule(), "the call leaves through the trunk"));
    }

    /** Bypass and queue calls ring the devices only; a chain stops diverting at the hop limit. */
    private static boolean mayDivert(IncomingCall call) {
        return !call.bypass() && call.kind() == CallKind.DIRECT && call.hops() < RoutingRule.MAX_HOPS;
    }

    private static DiversionCause causeOf(RoutingPlan plan) {
        return switch (plan.rule()) {
            case "activeProfileHandling" -> DiversionCause.PROFILE;
            case "busyHandling" -> DiversionCause.BUSY;
            default -> DiversionCause.UNCONDITIONAL;
        };
    }

    private static CalledNumber calledNumber(User callee, PhoneNumber dialled) {
        return callee.fixedNumber().filter(dialled::equals).isPresent() ? CalledNumber.FIXED
                : callee.mobileNumber().filter(dialled::equals).isPresent() ? CalledNumber.MOBILE
                : CalledNumber.EXTENSION;
    }

    private static Explanation explain(User user, String rule, String why) {
        return new Explanation(Optional.of(user.extension()), List.of(), rule, why);
    }
}
