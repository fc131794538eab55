package se.plus.domain.call;

import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.routing.CallKind;

/**
 * A call ringing at a colleague and not yet answered, as the call registry sees it when {@code *80*} is
 * dialled. Which of two simultaneous pickups wins is the registry's atomic claim; the loser finds nothing
 * ringing any more.
 */
public record RingingCall(Extension ringingAt, Optional<PhoneNumber> caller, CallKind kind, CallDirection direction) {

    public RingingCall {
        Objects.requireNonNull(ringingAt, "ringingAt");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
    }
}
