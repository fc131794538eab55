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

    /** One method per command: a new command does not compile until the translator handles it. */
    interface Visitor<R> {
        R dial(Dial command);

        R forward(Forward command);

        R cancelForwarding(CancelForwarding command);

        R activateProfile(ActivateProfile command);

        R deactivateProfile(DeactivateProfile command);

        R queueLogIn(QueueLogIn command);

        R queueLogOut(QueueLogOut command);

        R callWaiting(CallWaiting command);

        R placeCall(PlaceCall command);

        R transferCall(TransferCall command);

        R pickUpCall(PickUpCall command);

        R getServices(GetServices command);
    }

    <R> R accept(Visitor<R> visitor);

    /** {@code {extension, digits, device}}: exactly what a phone's feature code runs. */
    record Dial(Extension extension, String digits, Dialect device) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dial(this);
        }
    }

    record Forward(Extension extension, ForwardingKind kind, PhoneNumber target, Optional<Integer> delaySeconds)
            implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.forward(this);
        }
    }

    record CancelForwarding(Extension extension, ForwardingKind kind) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.cancelForwarding(this);
        }
    }

    record ActivateProfile(Extension extension, int profile, Optional<Instant> until) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.activateProfile(this);
        }
    }

    record DeactivateProfile(Extension extension) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.deactivateProfile(this);
        }
    }

    record QueueLogIn(Extension extension, int queue) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.queueLogIn(this);
        }
    }

    record QueueLogOut(Extension extension, int queue) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.queueLogOut(this);
        }
    }

    record CallWaiting(Extension extension, boolean on) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.callWaiting(this);
        }
    }

    /** Click-to-dial: the user's phones ring; answering calls {@code to}. */
    record PlaceCall(Extension extension, PhoneNumber to) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.placeCall(this);
        }
    }

    /** Call control: the user who answered call {@code callId} hands it on to {@code to}. */
    record TransferCall(Extension extension, String callId, PhoneNumber to, Optional<TransferMode> mode) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.transferCall(this);
        }
    }

    /** Call control: the call ringing at a colleague rings at the user's phones instead. */
    record PickUpCall(Extension extension, String callId) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.pickUpCall(this);
        }
    }

    /** Changes nothing: the reply carries the user's whole service state. */
    record GetServices(Extension extension) implements JmsCommand {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.getServices(this);
        }
    }
}
