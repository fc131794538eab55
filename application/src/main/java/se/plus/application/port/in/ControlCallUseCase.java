package se.plus.application.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import se.plus.application.port.out.LiveCallView;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.user.TransferMode;

/**
 * The codes that act on a call (FAQ: "Ta samtal", "Överflytta pågående inkommande samtal", "Koppla
 * till röstbrevlåda"): pickup, transfer, take back, straight to voicemail. The rules are the domain's
 * ({@code CallServices}); the call is carried out by whoever holds it ({@code CallControl}).
 */
public interface ControlCallUseCase {

    /** A code keyed during call {@code callId} by {@code user}, one of its parties, on a phone. */
    Outcome keyed(KeyedInCall keyed);

    /**
     * {@code *80*<n>} dialled on a phone. The rules find the direct call ringing at n; {@code claim} (the
     * phone adapter's) then joins the picker's own call to it, atomically: false when it no longer
     * rings (answered, given up, another picker first), and the pickup is refused.
     */
    Outcome pickUp(PickupRequest request);

    /**
     * REFER (RFC 3515) from {@code user}'s phone in call {@code callId}: blind to {@code target}, or,
     * with {@code joining} (the call its Replaces names), attended. The rules of a transfer apply.
     */
    Outcome referred(String callId, Extension user, String target, Optional<String> joining);

    /** A call in progress, for call control; empty when there is none by that id. */
    Optional<LiveCallView> live(String callId);

    /** The calls in progress that concern {@code user} (placed, ringing at, answered). */
    List<LiveCallView> liveCallsOf(Extension user);

    /** Call control: the call's answering user hands it on to {@code to}, by their mode or {@code mode}. */
    Outcome transfer(String callId, String to, Optional<TransferMode> mode, Actor actor);

    /** Call control: {@code by}'s devices ring instead of the callee's; on answer {@code by} has the call. */
    Outcome pickUp(String callId, Extension by, Actor actor);

    /**
     * Click-to-dial: {@code user}'s devices ring; when one answers, {@code to} is called from it. Done
     * carries nothing of the call: its id is {@link PlacedCall#callId()}.
     */
    PlacedCall placeCall(Extension user, String to, Actor actor);

    record PlacedCall(Outcome outcome, Optional<String> callId) {
    }

    /** The user hung up while talking to the consulted party: the announced transfer is complete. */
    void transferCompleted(String callId, Extension user, PhoneNumber target);

    record KeyedInCall(String callId, Extension user, String digits, Dialect dialect) {
        public KeyedInCall {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(digits, "digits");
            Objects.requireNonNull(dialect, "dialect");
        }
    }

    record PickupRequest(Extension picker, String digits, Dialect dialect, Predicate<String> claim) {
        public PickupRequest {
            Objects.requireNonNull(picker, "picker");
            Objects.requireNonNull(digits, "digits");
            Objects.requireNonNull(dialect, "dialect");
            Objects.requireNonNull(claim, "claim");
        }
    }
}
