package se.plus.adapters.jms;

import java.time.Instant;
import java.util.Optional;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.user.TransferMode;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.ForwardingKind;

/**
 * A command message as read from its JSON (README, "Commands"): a dial string, or one of the explicit
 * operations REST offers on a user's services. Each record is already valid; {@link CommandParser}
 * builds them.
 */
sealed interface JmsCommand {

    Extension extension();

    /** {@code {extension, digits, device}}: exactly what a phone's feature code runs. */
    record Dial(Extension extension, String digits, Dialect device) implements JmsCommand {
    }

    record Forward(Extension extension, ForwardingKind kind, PhoneNumber target, Optional<Integer> delaySeconds)
            implements JmsCommand {
    }

    record CancelForwarding(Extension extension, ForwardingKind kind) implements JmsCommand {
    }

    record ActivateProfile(Extension extension, int profile, Optional<Instant> until) implements JmsCommand {
    }

    record DeactivateProfile(Extension extension) implements JmsCommand {
    }

    record QueueLogIn(Extension extension, int queue) implements JmsCommand {
    }

    record QueueLogOut(Extension extension, int queue) implements JmsCommand {
    }

    record CallWaiting(Extension extension, boolean on) implements JmsCommand {
    }

    /** Click-to-dial: the user's phones ring; answering calls {@code to}. */
    record PlaceCall(Extension extension, PhoneNumber to) implements JmsCommand {
    }

    /** Call control: the user who answered call {@code callId} hands it on to {@code to}. */
    record TransferCall(Extension extension, String callId, PhoneNumber to, Optional<TransferMode> mode) implements JmsCommand {
    }

    /** Call control: the call ringing at a colleague rings at the user's phones instead. */
    record PickUpCall(Extension extension, String callId) implements JmsCommand {
    }

    /** Changes nothing: the reply carries the user's whole service state. */
    record GetServices(Extension extension) implements JmsCommand {
    }
}
