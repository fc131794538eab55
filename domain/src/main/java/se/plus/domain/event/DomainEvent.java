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
}
