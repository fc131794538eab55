package se.plus.domain.routing;

import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.PhoneNumber;

/**
 * A call arriving for a user, as routing sees it.
 *
 * @param caller          who calls, when known
 * @param callerHidden    the caller withheld their number (RFC 3323); kept on every diverted leg
 * @param calledNumber    which of the callee's numbers was called
 * @param kind            direct, or offered by a queue
 * @param bypass          placed with {@code *60*}: past barring, referral and forwarding
 * @param calleeBusy      the callee is in another call
 * @param hops            how many diversions the call has been through already
 */
public record IncomingCall(Optional<PhoneNumber> caller, boolean callerHidden, CalledNumber calledNumber,
                           CallKind kind, boolean bypass, boolean calleeBusy, int hops) {

    public IncomingCall {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(calledNumber, "calledNumber");
        Objects.requireNonNull(kind, "kind");
        if (hops < 0) {
            throw new IllegalArgumentException("hops cannot be negative: " + hops);
        }
    }

    /** A direct call to the extension, callee free, caller shown, not yet diverted. */
    public static IncomingCall direct(PhoneNumber caller) {
        return new IncomingCall(Optional.of(caller), false, CalledNumber.EXTENSION, CallKind.DIRECT, false, false, 0);
    }

    public IncomingCall to(CalledNumber number) {
        return new IncomingCall(caller, callerHidden, number, kind, bypass, calleeBusy, hops);
    }

    public IncomingCall fromQueue() {
        return new IncomingCall(caller, callerHidden, calledNumber, CallKind.QUEUE, bypass, calleeBusy, hops);
    }

    public IncomingCall bypassing() {
        return new IncomingCall(caller, callerHidden, calledNumber, kind, true, calleeBusy, hops);
    }

    public IncomingCall withCallerHidden() {
        return new IncomingCall(caller, true, calledNumber, kind, bypass, calleeBusy, hops);
    }

    public IncomingCall whileCalleeBusy() {
        return new IncomingCall(caller, callerHidden, calledNumber, kind, bypass, true, hops);
    }

    public IncomingCall afterHops(int diversions) {
        return new IncomingCall(caller, callerHidden, calledNumber, kind, bypass, calleeBusy, diversions);
    }

    /** The same call after one more diversion, as it reaches the next user. */
    public IncomingCall diverted() {
        return new IncomingCall(caller, callerHidden, calledNumber, kind, false, false, hops + 1);
    }
}
