package se.plus.domain.call;

import java.util.Objects;
import se.plus.domain.number.PhoneNumber;

/** The call a user is in while keying an in-call code: its direction and the other party. */
public record OngoingCall(CallDirection direction, PhoneNumber otherParty) {

    public OngoingCall {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(otherParty, "otherParty");
    }
}
