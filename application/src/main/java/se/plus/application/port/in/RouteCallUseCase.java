package se.plus.application.port.in;

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
import se.plus.domain.user.User;

/**
 * Where a new call goes: a colleague's devices, or out through the trunk, or nowhere (and why). Asked
 * once per call by the phone adapter, which then carries the call out.
 */
public interface RouteCallUseCase {

    CallRoute route(CallRequest request);

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

    sealed interface CallRoute {
    }

    /**
     * Ring every registered device of {@code callee}.
     *
     * @param bypass placed with {@code *60*}: the callee's barring, referral and forwarding do not apply
     */
    record RingUser(User callee, CalledNumber calledNumber, List<Binding> devices, CallParty caller,
                    boolean bypass) implements CallRoute {
        public RingUser {
            devices = List.copyOf(devices);
        }
    }

    /** Out through the trunk to a public number (E.164). */
    record OutThroughTrunk(PhoneNumber number, CallParty caller) implements CallRoute {
    }

    record Refused(OutcomeCode code, String detail) implements CallRoute {
    }
}
