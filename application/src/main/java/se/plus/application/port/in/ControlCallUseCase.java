package se.plus.application.port.in;

import java.util.Objects;
import java.util.function.Predicate;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;

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
