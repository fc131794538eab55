package se.plus.application.port.in;

import java.time.Instant;
import java.util.Optional;
import se.plus.application.port.out.ProcessedMessages.StoredReply;
import se.plus.domain.number.Extension;

/**
 * The first and last steps of a command that came as a broker message (JMS): is it for a user, and has
 * it been processed before; and, once it is done, the reply it earned. Answers with a value, never an
 * exception, and joins the caller's transaction: an adapter calls both inside the one local transaction
 * of the command, so that the mark, the change, its audit record, its events and the reply commit
 * together; only then is the message acknowledged.
 */
public interface AdmitMessageUseCase {

    Admission admit(String messageId, Extension extension);

    /** Keeps the reply of an admitted message with its mark, for a redelivery to send again. */
    void answered(String messageId, StoredReply reply);

    /** What the message may do next. */
    sealed interface Admission {
    }

    /** New: marked processed at {@code at}; go on and execute it. */
    record Admitted(Instant at) implements Admission {
    }

    /** Processed before, at {@code processedAt}, answered with {@code reply}: nothing is done again. */
    record AlreadyProcessed(Instant processedAt, Optional<StoredReply> reply) implements Admission {
    }

    /** The extension names no user; nothing is marked. */
    record UnknownExtension(Extension extension) implements Admission {
    }
}
