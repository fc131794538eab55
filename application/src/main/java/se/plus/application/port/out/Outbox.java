package se.plus.application.port.out;

import java.time.Instant;
import java.util.List;

/**
 * Messages for integrators that leave if and only if the change that wrote them commits (a
 * transactional outbox): written in the change's own database transaction, sent by a relay after the
 * commit, removed once sent. Replaces a two-phase commit between the database and the broker.
 *
 * <p>The payload is opaque here: the adapter that publishes events writes it and sends it.
 */
public interface Outbox {

    /** Adds the event to the outbox of the current transaction; requires one. */
    void append(Entry entry);

    /**
     * Up to {@code limit} unsent entries, oldest first, each numbered in its extension's sequence: the
     * number is given once, when an entry is first read, and kept, so that a resend after a failure
     * carries the same one. In a transaction of its own.
     */
    List<Pending> next(int limit);

    /** How many entries wait to be sent (the relay's backlog), for the operators' dashboards. */
    long waiting();

    /** Removes entries that were sent. In a transaction of its own. */
    void sent(List<Long> ids);

    /**
     * Makes {@code node} the outbox's one relay until {@code until}, unless another node's claim still
     * holds at {@code now}; true when the relay is {@code node}'s. Servers sharing the database (a
     * cluster) relay one at a time, so an entry is sent once and numbered once. In a transaction of its own.
     */
    boolean claimRelay(String node, Instant now, Instant until);

    /** An event to publish: its unique id, whose it is, and the text to send. */
    record Entry(String eventId, String extension, String type, String source, String payload) {
    }

    /** An entry waiting to be sent, with its position in the outbox and in its extension's sequence. */
    record Pending(long id, long sequence, Entry entry) {
    }
}
