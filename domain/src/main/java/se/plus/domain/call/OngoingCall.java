package se.plus.domain.call;

import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.PhoneNumber;

/** The call a user is in while keying an in-call code: its direction and the other party (empty when it withheld its number or sent none). */
public record OngoingCall(CallDirection direction, Optional<PhoneNumber> otherParty) {

    public OngoingCall {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(otherParty, "otherParty");
    }
}
