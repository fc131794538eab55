package se.plus.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import se.plus.domain.call.LiveCall;
import se.plus.domain.number.Extension;

/**
 * The calls in progress on this server, from INVITE to the end: what makes a user busy, what pickup
 * and transfer will look up, and what must be empty again once every call has ended.
 */
public interface LiveCalls {

    void add(LiveCall call);

    /** The call changed whom it keeps busy (it was answered). */
    void changed(LiveCall call);

    void remove(LiveCall call);

    Optional<LiveCall> find(String callId);

    /** True while the user places a call or talks in one. */
    boolean inCall(Extension user);

    /** When the user's last call on this server ended; empty when they had none since it started. */
    Optional<Instant> lastCallEnded(Extension user);

    int count();

    Collection<LiveCall> all();
}
