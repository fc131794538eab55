package se.plus.domain.routing;

import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/** One step of a {@link RoutingPlan}, carried out in order by the call-control layer. */
public sealed interface RoutingStep {

    /** Ring the user's registered devices (with a waiting tone if they are in a call). */
    record RingDevices(Extension extension) implements RoutingStep {
        public RingDevices {
            Objects.requireNonNull(extension, "extension");
        }
    }

    /** If nobody has answered after {@code seconds}, divert to {@code target}. */
    record ForwardAfterDelay(PhoneNumber target, int seconds) implements RoutingStep {
        public ForwardAfterDelay {
            Objects.requireNonNull(target, "target");
        }
    }

    /** Divert to {@code target} at once. */
    record ForwardNow(PhoneNumber target) implements RoutingStep {
        public ForwardNow {
            Objects.requireNonNull(target, "target");
        }
    }

    /** Connect the caller to the user's voicemail. */
    record Voicemail(Extension mailbox) implements RoutingStep {
        public Voicemail {
            Objects.requireNonNull(mailbox, "mailbox");
        }
    }

    /** The call is barred; the caller hears the referral message, if the profile has one. */
    record Barred(Optional<String> referralMessage) implements RoutingStep {
        public Barred {
            Objects.requireNonNull(referralMessage, "referralMessage");
        }
    }

    /** The user is busy and takes no second call: the caller hears busy. */
    record Busy() implements RoutingStep {
    }
}
