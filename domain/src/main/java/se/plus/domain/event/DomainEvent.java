package se.plus.domain.event;

import java.time.Instant;
import se.plus.domain.number.Extension;

/**
 * A state change worth telling the world about (topic {@code plus.events}, contract.md). {@link #type()}
 * is the contract's {@code type}; the adapter adds {@code source}.
 */
public sealed interface DomainEvent
        permits ForwardingChanged, ProfileActivated, ProfileExpired, QueueLogin, QueueLogout,
        CallWaitingChanged, CallPickedUp, CallTransferred, CallEnded, VoicemailLeft {

    String type();

    /** The user whose state changed (or who acted, for call events). */
    Extension extension();

    Instant at();

    /**
     * What each kind of event means to an adapter, one method per kind: a new event does not compile
     * until every visitor handles it (Java 17 has no exhaustive pattern switch).
     */
    interface Visitor<R> {
        R forwardingChanged(ForwardingChanged event);

        R profileActivated(ProfileActivated event);

        R profileExpired(ProfileExpired event);

        R queueLogin(QueueLogin event);

        R queueLogout(QueueLogout event);

        R callWaitingChanged(CallWaitingChanged event);

        R callPickedUp(CallPickedUp event);

        R callTransferred(CallTransferred event);

        R callEnded(CallEnded event);

        R voicemailLeft(VoicemailLeft event);
    }

    <R> R accept(Visitor<R> visitor);
}
