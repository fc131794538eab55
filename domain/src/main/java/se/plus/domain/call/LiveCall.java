package se.plus.domain.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.routing.CallKind;

/**
 * One call from the moment it is placed until it ends: the caller's side and the legs that offer it to
 * the callee's devices (or to the trunk). It decides what the rules of forking say: the first answer
 * wins and every other leg is cancelled; a leg is cancelled only once it has rung (RFC 3261 §9.1); the
 * caller hears busy only when every device said busy.
 *
 * <p>Not thread-safe: whoever drives a call (the SIP adapter) serialises the events of one call.
 */
public final class LiveCall {

    public enum State {
        /** Offered to the legs, nobody has answered yet. */
        RINGING,
        /** One leg answered: caller and callee are connected. */
        CONNECTED,
        ENDED
    }

    public enum LegState {
        /** The offer is on its way; nothing heard back yet. */
        OFFERED,
        /** A provisional response (180/183) came back: it may be cancelled now. */
        RINGING,
        ANSWERED,
        /** To be cancelled as soon as it rings (a CANCEL may not precede the first 1xx). */
        CANCEL_OWED,
        /** Its CANCEL went out. */
        CANCELLED,
        /** Refused with a final response, or gone without one. */
        FAILED,
        ENDED
    }

    /** Why a call ended: for the log, the event and the counters. */
    public enum Ending {
        /** One party hung up a connected call. */
        HUNG_UP,
        /** The caller gave up before anyone answered. */
        CANCELLED,
        /** Every leg refused, or there was none to ring. */
        REFUSED,
        /** Nobody answered within the ringing time. */
        NO_ANSWER,
        /** No media flowed for too long: a phone vanished without hanging up. */
        MEDIA_TIMEOUT,
        /** The longest call allowed. */
        MAX_DURATION,
        /** A leg stopped answering SIP (timeout, transport failure). */
        LEG_LOST
    }

    /** What the answer of a leg leads to. */
    public sealed interface AnswerDecision {
    }

    /** This leg is the call now; the others are to be cancelled (those that rang) or cancelled when they ring. */
    public record Won(List<String> cancelNow) implements AnswerDecision {
        public Won {
            cancelNow = List.copyOf(cancelNow);
        }
    }

    /** Another leg won, or the caller gave up meanwhile: the answer is acknowledged and hung up at once. */
    public record Lost() implements AnswerDecision {
    }

    /**
     * What ending a consultation (take back, or the consulted party not answering) leaves to do: the
     * consulted legs still ringing to cancel now, and the one that had answered to hang up.
     */
    public record ConsultationEnded(List<String> cancelNow, Optional<String> hangUp) {
        public ConsultationEnded {
            cancelNow = List.copyOf(cancelNow);
            Objects.requireNonNull(hangUp, "hangUp");
        }
    }

    private final String id;
    private final CallParty caller;
    private final Optional<Extension> callee;
    private final long startedNanos;
    private final Map<String, LegState> legs = new LinkedHashMap<>();
    /** The user each leg rings (none for the trunk or a voicemail server). */
    private final Map<String, Extension> legUsers = new LinkedHashMap<>();
    private final List<Integer> refusals = new ArrayList<>();
    private State state = State.RINGING;
    private String answeredLeg;
    private Ending ending;
    private long connectedNanos;
    /** What rings now: a queue's call is no direct call (no pickup). */
    private CallKind kind = CallKind.DIRECT;
    /** The caller was answered once already: a call handed over rings anew without a new answer to the caller. */
    private boolean handedOver;
    /** A pickup by call control took the call: no second pickup. */
    private boolean pickupClaimed;
    /** The caller left in an attended transfer: it no longer keeps the caller busy. */
    private boolean callerLeft;
    /** An announced transfer in progress: its target, who asked for it, its legs and the one that answered. */
    private PhoneNumber consultTarget;
    private Extension consultBy;
    private final Set<String> consultLegs = new LinkedHashSet<>();
    private String consultAnswered;

    public LiveCall(String id, CallParty caller, Optional<Extension> callee, long startedNanos) {
        this.id = Objects.requireNonNull(id, "id");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.callee = Objects.requireNonNull(callee, "callee");
        this.startedNanos = startedNanos;
    }

    public String id() {
        return id;
    }

    public CallParty caller() {
        return caller;
    }

    /** The user whose devices ring; empty for a call out through the trunk. */
    public Optional<Extension> callee() {
        return callee;
    }

    public State state() {
        return state;
    }

    public Optional<Ending> ending() {
        return Optional.ofNullable(ending);
    }

    public Optional<String> answeredLeg() {
        return Optional.ofNullable(answeredLeg);
    }

    public LegState leg(String legId) {
        LegState leg = legs.get(legId);
        if (leg == null) {
            throw new IllegalArgumentException("no leg " + legId + " in call " + id);
        }
        return leg;
    }

    public List<String> legIds() {
        return List.copyOf(legs.keySet());
    }

    public long startedNanos() {
        return startedNanos;
    }

    /** When the call was answered (nanoTime), or 0 while it rings. */
    public long connectedNanos() {
        return connectedNanos;
    }

    /** The user who answered: the callee, or whoever the call was diverted to; empty for the trunk. */
    public Optional<Extension> answeredBy() {
        return Optional.ofNullable(answeredLeg).map(legUsers::get);
    }

    /** The users this call keeps busy: the caller from the start, whoever answered once connected. */
    public List<Extension> busyUsers() {
        List<Extension> busy = new ArrayList<>(2);
        if (state == State.ENDED) {
            return busy;
        }
        if (!callerLeft) {
            caller.user().ifPresent(busy::add);
        }
        if (state == State.CONNECTED) {
            answeredBy().ifPresent(busy::add);
            if (consultAnswered != null && legUsers.containsKey(consultAnswered)) {
                busy.add(legUsers.get(consultAnswered));
            }
        }
        return busy;
    }

    /** A new leg offering the call to the trunk or a voicemail server. */
    public void offer(String legId) {
        offer(legId, Optional.empty());
    }

    /** A new leg offering the call to one device of {@code user}. */
    public void offer(String legId, Optional<Extension> user) {
        requireState(State.RINGING, "offer a leg");
        if (legs.putIfAbsent(legId, LegState.OFFERED) != null) {
            throw new IllegalArgumentException("leg " + legId + " already offered");
        }
        user.ifPresent(u -> legUsers.put(legId, u));
    }

    /**
     * The call leaves the legs that ring now for others (forwarding on no answer, on busy): every leg
     * still ringing is cancelled, the refusals heard so far are forgotten; the call still rings. Returns
     * the legs whose CANCEL may go now.
     */
    public List<String> divert() {
        requireState(State.RINGING, "divert");
        refusals.clear();
        return cancelOthers(null);
    }

    /**
     * A leg rang (1xx). True when the leg was waiting for that to be cancelled: its CANCEL goes out now.
     */
    public boolean rang(String legId) {
        LegState leg = leg(legId);
        if (leg == LegState.OFFERED) {
            legs.put(legId, LegState.RINGING);
            return false;
        }
        if (leg == LegState.CANCEL_OWED) {
            legs.put(legId, LegState.CANCELLED);
            return true;
        }
        return false;
    }

    /** The first answer wins; any later one is acknowledged and hung up. */
    public AnswerDecision answered(String legId, long nowNanos) {
        LegState leg = leg(legId);
        if (consultLegs.contains(legId)) {
            return consultationAnswered(legId, leg);
        }
        if (state != State.RINGING || leg == LegState.FAILED || leg == LegState.ENDED) {
            legs.put(legId, LegState.ENDED);
            return new Lost();
        }
        state = State.CONNECTED;
        answeredLeg = legId;
        connectedNanos = nowNanos;
        legs.put(legId, LegState.ANSWERED);
        return new Won(cancelOthers(legId));
    }

    /**
     * A leg refused (a final 3xx–6xx, or no answer at the SIP level). True when it was the last leg
     * still ringing: whoever drives the call then diverts it or ends it ({@link #stopRinging}) with
     * {@link #refusalForCaller()}.
     */
    public boolean refused(String legId, int status) {
        LegState leg = leg(legId);
        if (leg == LegState.ANSWERED || leg == LegState.ENDED || leg == LegState.FAILED) {
            return false;
        }
        legs.put(legId, LegState.FAILED);
        if (consultLegs.contains(legId)) {
            return false;
        }
        if (leg != LegState.CANCELLED && leg != LegState.CANCEL_OWED) {
            refusals.add(status);
        }
        return state == State.RINGING && legs.values().stream().allMatch(s -> s == LegState.FAILED);
    }

    /**
     * The status the caller hears when nobody answered: a 6xx from any device (a global refusal, RFC
     * 3261 §16.7), busy (486) only when every device said busy (contract: "Busy = every device answered
     * 486"), otherwise 480 Temporarily Unavailable.
     */
    public int refusalForCaller() {
        for (int status : refusals) {
            if (status >= 600) {
                return status;
            }
        }
        if (!refusals.isEmpty() && refusals.stream().allMatch(s -> s == 486 || s == 600)) {
            return 486;
        }
        return 480;
    }

    /**
     * The caller gave up (CANCEL), ringing lasted too long, or every leg refused and nothing takes the
     * call: every leg still ringing is cancelled and the call ends.
     */
    public List<String> stopRinging(Ending why) {
        if (state != State.RINGING) {
            return List.of();
        }
        List<String> cancel = cancelOthers(null);
        end(why);
        return cancel;
    }

    /** A connected call ends (BYE from either side, a timer, a lost leg). False when it had ended already. */
    public boolean hangUp(Ending why) {
        if (state == State.ENDED) {
            return false;
        }
        if (answeredLeg != null) {
            legs.put(answeredLeg, LegState.ENDED);
        }
        end(why);
        return true;
    }

    /** What the legs of the ringing stage offer: a queue's call is not direct, and cannot be picked up. */
    public void ringing(CallKind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public CallKind kind() {
        return kind;
    }

    /** True while a direct call rings at one of {@code user}'s devices: what {@code *80*} may take. */
    public boolean ringsAt(Extension user) {
        if (state != State.RINGING || kind != CallKind.DIRECT) {
            return false;
        }
        for (Map.Entry<String, Extension> entry : legUsers.entrySet()) {
            LegState leg = legs.get(entry.getKey());
            if (entry.getValue().equals(user) && (leg == LegState.OFFERED || leg == LegState.RINGING)) {
                return true;
            }
        }
        return false;
    }

    /** The users whose devices ring now. */
    public List<Extension> ringingUsers() {
        List<Extension> users = new ArrayList<>();
        for (Map.Entry<String, Extension> entry : legUsers.entrySet()) {
            LegState leg = legs.get(entry.getKey());
            if ((leg == LegState.OFFERED || leg == LegState.RINGING) && !users.contains(entry.getValue())) {
                users.add(entry.getValue());
            }
        }
        return users;
    }

    /**
     * A pickup by call control: the call is the picker's from now on (their devices ring next); false
     * when it no longer rings or another pickup claimed it first.
     */
    public boolean claimPickup() {
        if (state != State.RINGING || handedOver || pickupClaimed || kind != CallKind.DIRECT) {
            return false;
        }
        pickupClaimed = true;
        return true;
    }

    /**
     * {@code *80*}: the picker's own call answers this one; every leg ringing is cancelled. Lost when
     * the call no longer rings (answered, given up, or another picker was first): exactly one wins.
     */
    public AnswerDecision pickedUp(String pickerLeg, Extension picker, long nowNanos) {
        if (state != State.RINGING || handedOver || pickupClaimed) {
            return new Lost();
        }
        if (legs.putIfAbsent(pickerLeg, LegState.ANSWERED) != null) {
            throw new IllegalArgumentException("leg " + pickerLeg + " already in call " + id);
        }
        legUsers.put(pickerLeg, picker);
        state = State.CONNECTED;
        answeredLeg = pickerLeg;
        connectedNanos = nowNanos;
        return new Won(cancelOthers(pickerLeg));
    }

    /**
     * A direct transfer or {@code *59*}: the party that answered leaves (its leg, returned, is to be hung
     * up) and the call rings anew for the caller, who stays connected meanwhile.
     */
    public String handOver() {
        requireState(State.CONNECTED, "hand over");
        if (consultTarget != null) {
            throw new IllegalStateException("call " + id + " is in an announced transfer");
        }
        String left = answeredLeg;
        legs.put(left, LegState.ENDED);
        answeredLeg = null;
        refusals.clear();
        state = State.RINGING;
        handedOver = true;
        return left;
    }

    /**
     * An attended transfer by REFER: the party that answered leaves, and the caller is joined to another
     * call the same user had placed. The call stays connected (to that other call). Returns the leg that left.
     */
    public String answeredPartyLeaves() {
        requireState(State.CONNECTED, "leave");
        String left = answeredLeg;
        legs.put(left, LegState.ENDED);
        answeredLeg = null;
        return left;
    }

    /** The other half of such a join: the caller leaves this call, whose callee is joined to the first caller. */
    public void callerLeaves() {
        requireState(State.CONNECTED, "leave");
        callerLeft = true;
    }

    /** True once the call was handed over (direct transfer, *59*): the caller has its answer already. */
    public boolean handedOver() {
        return handedOver;
    }

    /** True once the caller has been answered: ringing after a hand-over sends the caller nothing. */
    public boolean callerAnswered() {
        return handedOver || state == State.CONNECTED || (state == State.ENDED && connectedNanos != 0);
    }

    /** The user of a leg; empty for the trunk, a voicemail, or a leg of no user. */
    public Optional<Extension> userOf(String legId) {
        return Optional.ofNullable(legUsers.get(legId));
    }

    /** An announced transfer begins: the caller waits, {@code by} (who answered) is put through to {@code target}. */
    public void consult(PhoneNumber target, Extension by) {
        requireState(State.CONNECTED, "consult");
        if (consultTarget != null) {
            throw new IllegalStateException("call " + id + " is in an announced transfer already");
        }
        consultTarget = Objects.requireNonNull(target, "target");
        consultBy = Objects.requireNonNull(by, "by");
    }

    /** The target of the announced transfer in progress: what {@code *} takes the call back from. */
    public Optional<PhoneNumber> consultation() {
        return Optional.ofNullable(consultTarget);
    }

    public Optional<Extension> consultingUser() {
        return Optional.ofNullable(consultBy);
    }

    public boolean isConsultationLeg(String legId) {
        return consultLegs.contains(legId);
    }

    /** The consulted party answered: the user talks to them. */
    public Optional<String> consultationAnswered() {
        return Optional.ofNullable(consultAnswered);
    }

    /** A leg offering the consultation to one of the target's devices (or the trunk). */
    public void offerConsultation(String legId, Optional<Extension> user) {
        if (consultTarget == null || state != State.CONNECTED) {
            throw new IllegalStateException("no announced transfer in call " + id);
        }
        if (legs.putIfAbsent(legId, LegState.OFFERED) != null) {
            throw new IllegalArgumentException("leg " + legId + " already offered");
        }
        consultLegs.add(legId);
        user.ifPresent(u -> legUsers.put(legId, u));
    }

    /** True when every leg of the consultation refused before any answered: the caller is taken back. */
    public boolean consultationFailed() {
        if (consultTarget == null || consultAnswered != null) {
            return false;
        }
        for (String leg : consultLegs) {
            LegState state = legs.get(leg);
            if (state != LegState.FAILED && state != LegState.CANCELLED && state != LegState.CANCEL_OWED) {
                return false;
            }
        }
        return true;
    }

    /** {@code *}, or the consulted party did not answer or hung up: the caller is back with the user. */
    public ConsultationEnded endConsultation() {
        if (consultTarget == null) {
            return new ConsultationEnded(List.of(), Optional.empty());
        }
        List<String> cancel = cancelAmong(consultLegs, consultAnswered);
        Optional<String> hangUp = Optional.ofNullable(consultAnswered);
        hangUp.ifPresent(leg -> legs.put(leg, LegState.ENDED));
        clearConsultation();
        return new ConsultationEnded(cancel, hangUp);
    }

    /**
     * The user hung up while talking to the consulted party: the caller is now with them. Returns the
     * user's leg, which ended.
     */
    public String completeTransfer() {
        if (consultAnswered == null) {
            throw new IllegalStateException("nobody answered the consultation in call " + id);
        }
        String left = answeredLeg;
        legs.put(left, LegState.ENDED);
        answeredLeg = consultAnswered;
        clearConsultation();
        return left;
    }

    private AnswerDecision consultationAnswered(String legId, LegState leg) {
        if (state != State.CONNECTED || consultTarget == null || consultAnswered != null
                || leg == LegState.FAILED || leg == LegState.ENDED) {
            legs.put(legId, LegState.ENDED);
            return new Lost();
        }
        consultAnswered = legId;
        legs.put(legId, LegState.ANSWERED);
        return new Won(cancelAmong(consultLegs, legId));
    }

    private void clearConsultation() {
        consultTarget = null;
        consultBy = null;
        consultAnswered = null;
        consultLegs.clear();
    }

    /** Cancels every leg but {@code keep}; returns those whose CANCEL may go now (they rang). */
    private List<String> cancelOthers(String keep) {
        return cancelAmong(legs.keySet(), keep);
    }

    private List<String> cancelAmong(Set<String> among, String keep) {
        List<String> now = new ArrayList<>();
        for (Map.Entry<String, LegState> entry : legs.entrySet()) {
            if (entry.getKey().equals(keep) || !among.contains(entry.getKey())) {
                continue;
            }
            if (entry.getValue() == LegState.RINGING) {
                now.add(entry.getKey());
                entry.setValue(LegState.CANCELLED);
            } else if (entry.getValue() == LegState.OFFERED) {
                entry.setValue(LegState.CANCEL_OWED);
            }
        }
        return now;
    }

    private void end(Ending why) {
        state = State.ENDED;
        ending = why;
    }

    private void requireState(State expected, String what) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + what + " in a call that is " + state);
        }
    }
}
