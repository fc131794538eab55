package se.plus.application.port.in;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.application.port.out.Binding;
import se.plus.domain.call.CallParty;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.routing.CalledNumber;
import se.plus.domain.routing.Diversion;
import se.plus.domain.routing.DiversionCause;
import se.plus.domain.user.User;

/**
 * Where a new call goes: a colleague's devices, or out through the trunk, or nowhere (and why). Asked
 * once per call by the phone adapter, which then carries the call out.
 */
public interface RouteCallUseCase {

    CallRoute route(CallRequest request);

    /**
     * Where a call goes that {@code by} hands on to {@code target} (a transfer): the target's rules
     * apply as for any call to them, the trunk is used on {@code by}'s behalf, and the caller stays who
     * they are.
     */
    CallRoute transfer(Extension by, CallParty caller, PhoneNumber target);

    /**
     * The devices of {@code user}, rung past their forwarding and barring: a pickup by call control, or
     * the first half of a click-to-dial.
     */
    CallRoute ringDevicesOf(Extension user, CallParty caller);

    /** {@code *59*<n>}: straight to the voicemail of the colleague {@code mailbox}. */
    CallRoute toVoicemailOf(CallParty caller, PhoneNumber mailbox);

    /** Who places the call: a user of ours (authenticated), or the trusted trunk on behalf of someone outside. */
    sealed interface Origin {
    }

    record FromUser(Extension user) implements Origin {
        public FromUser {
            Objects.requireNonNull(user, "user");
        }
    }

    /**
     * An incoming external call; {@code callerNumber} is what the trunk sent as the caller's number,
     * {@code withheld} whether the caller asked for it not to be shown (RFC 3323 {@code Privacy: id}).
     */
    record FromTrunk(Optional<String> callerNumber, boolean withheld) implements Origin {
        public FromTrunk {
            Objects.requireNonNull(callerNumber, "callerNumber");
        }
    }

    /**
     * @param dialled the request-URI user part, percent-decoded: a number, or {@code *31*<n>} / {@code *60*<n>}
     * @param dialect the calling device's, which decides the form of those codes ({@code *60*<n>#} on a desk phone)
     */
    record CallRequest(Origin origin, String dialled, Dialect dialect) {
        public CallRequest {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(dialled, "dialled");
            Objects.requireNonNull(dialect, "dialect");
        }

        public CallRequest(Origin origin, String dialled) {
            this(origin, dialled, Dialect.TERMINAL);
        }
    }

    /**
     * What to do with a call: a tree, since ringing may end in a diversion. Each route says which user's
     * rules decided it and why ({@link Explanation}); the diversions the call went through so far ride
     * along for History-Info and Diversion. The same tree answers the dry run, so what a call did and
     * what the dry run says cannot differ.
     */
    sealed interface CallRoute {
        /** The decisions that led here, in order: the first callee's rules first, this route's own last. */
        List<Explanation> trace();
    }

    /**
     * Why a route was taken: whose rules were asked ({@code user}, empty for the caller's own dialling),
     * the rules that let the call pass, the one that decided, and a sentence for people.
     */
    record Explanation(Optional<Extension> user, List<String> rulesPassed, String rule, String why) {
        public Explanation {
            Objects.requireNonNull(user, "user");
            rulesPassed = List.copyOf(rulesPassed);
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(why, "why");
        }

        public static Explanation of(String rule, String why) {
            return new Explanation(Optional.empty(), List.of(), rule, why);
        }
    }

    /**
     * Ring every registered device of {@code callee}. When nobody answers within {@code noAnswerAfter}
     * (empty: until the caller gives up or the ring timeout) the call goes on to {@code onNoAnswer}; when
     * every device answers busy, to {@code onBusy}.
     *
     * @param bypass placed with {@code *60*}: the callee's barring, referral and forwarding do not apply
     */
    record RingUser(User callee, CalledNumber calledNumber, List<Binding> devices, CallParty caller,
                    boolean bypass, List<Diversion> diversions, Optional<Duration> noAnswerAfter,
                    CallRoute onNoAnswer, CallRoute onBusy, List<Explanation> trace) implements CallRoute {
        public RingUser {
            devices = List.copyOf(devices);
            diversions = List.copyOf(diversions);
            Objects.requireNonNull(noAnswerAfter, "noAnswerAfter");
            Objects.requireNonNull(onNoAnswer, "onNoAnswer");
            Objects.requireNonNull(onBusy, "onBusy");
        }
    }

    /**
     * A queue's call: ring the devices of these logged-in members (all at once, or one member at a time
     * for the longest-idle strategy). Members' forwardings and profiles do not divert it. When nobody
     * answers within {@code noAnswerAfter} (empty: until the caller gives up), or every device is busy,
     * the call goes on to {@code onNoAnswer}.
     */
    record RingQueue(int queue, String name, List<QueueMember> members, CallParty caller,
                     Optional<Duration> noAnswerAfter, CallRoute onNoAnswer, List<Explanation> trace)
            implements CallRoute {
        public RingQueue {
            members = List.copyOf(members);
            Objects.requireNonNull(noAnswerAfter, "noAnswerAfter");
            Objects.requireNonNull(onNoAnswer, "onNoAnswer");
        }
    }

    /** A logged-in member of a queue and the devices of theirs that ring. */
    record QueueMember(Extension user, List<Binding> devices) {
        public QueueMember {
            Objects.requireNonNull(user, "user");
            devices = List.copyOf(devices);
        }
    }

    /** Out through the trunk to a public number (E.164). */
    record OutThroughTrunk(PhoneNumber number, CallParty caller, List<Diversion> diversions,
                           List<Explanation> trace) implements CallRoute {
        public OutThroughTrunk {
            diversions = List.copyOf(diversions);
        }
    }

    /**
     * To {@code mailbox}'s voicemail: the configured RFC 4458 server ({@code target=}, {@code cause=}) or
     * the built-in one.
     */
    record ToVoicemail(Extension mailbox, DiversionCause cause, CallParty caller, List<Diversion> diversions,
                       List<Explanation> trace) implements CallRoute {
        public ToVoicemail {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(cause, "cause");
            diversions = List.copyOf(diversions);
        }
    }

    /** The callee is busy and nothing takes the call: 486. */
    record Busy(List<Explanation> trace) implements CallRoute {
    }

    /**
     * Nobody answered and nothing takes the call (480); with a {@code message}, the callee's barring
     * profile refused it and the caller hears why (its referral message).
     */
    record NotReached(Optional<String> message, List<Explanation> trace) implements CallRoute {
        public NotReached {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The dialled string places no call: an outcome code, as for a refused feature code. */
    record Refused(OutcomeCode code, String detail, List<Explanation> trace) implements CallRoute {
        public Refused(OutcomeCode code, String detail) {
            this(code, detail, List.of(Explanation.of("dialling", detail)));
        }
    }
}
