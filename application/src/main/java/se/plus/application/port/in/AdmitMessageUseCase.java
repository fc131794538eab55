package se.plus.application.port.in;

import java.time.Instant;
import se.plus.domain.number.Extension;

/**
 * The first step of a command that came as a broker message (JMS): is it for a user, and has it been
 * processed before? Answers with a value, never an exception, and joins the caller's transaction: an
 * adapter calls it inside the transaction of the delivery, before the change, so that the mark, the
 * change, its audit record, its event and the reply all commit with the acknowledgement of the message.
 */
public interface AdmitMessageUseCase {

    Admission admit(String messageId, Extension extension);

    /** What the message may do next. */
    sealed interface Admission {
    }

    /** New: marked processed at {@code at}; go on and execute it. */
    record Admitted(Instant at) implements Admission {
    }

    /** Processed before, at {@code processedAt}: nothing is done again. */
    record AlreadyProcessed(Instant processedAt) implements Admission {
    }

    /** The extension names no user; nothing is marked. */
    record UnknownExtension(Extension extension) implements Admission {
    }
}
