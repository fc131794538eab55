package se.plus.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Broker messages already processed, by message id: what lets a command that is delivered again (after
 * a crash, or sent twice) change state at most once. Recorded in the transaction of the change itself,
 * with the reply the command earned, so the mark, the change and the reply commit together or not at
 * all, and a redelivery can send that reply again.
 */
public interface ProcessedMessages {

    Optional<Processed> find(String messageId);

    /**
     * Marks the message processed in this transaction. Should another transaction mark the same id
     * first, this one fails when it commits (the id is unique), and the broker delivers the message
     * again, to find the mark.
     */
    void record(String messageId, Instant at);

    /** Keeps the reply of a message marked in this transaction. */
    void keepReply(String messageId, StoredReply reply);

    record Processed(Instant at, Optional<StoredReply> reply) {
    }

    /** A reply as the adapter sent it: its outcome and its text. */
    record StoredReply(String outcome, String text) {
    }
}
