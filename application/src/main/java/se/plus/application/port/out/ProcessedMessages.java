package se.plus.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Broker messages already processed, by message id: what lets a command that is delivered again (after
 * a crash, or sent twice) change state at most once. Recorded in the transaction of the change itself,
 * so the mark and the change commit together or not at all.
 */
public interface ProcessedMessages {

    Optional<Instant> processedAt(String messageId);

    /**
     * Marks the message processed in this transaction. Should another transaction mark the same id
     * first, this one fails when it commits (the id is unique), and the broker delivers the message
     * again, to find the mark.
     */
    void record(String messageId, Instant at);
}
