package se.plus.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/**
 * Where the built-in voicemail keeps messages: the audio and its metadata. Called inside a transaction;
 * an implementation keeps the audio consistent with it (no audio left behind by a rolled-back store,
 * none removed by a rolled-back delete).
 */
public interface VoicemailBox {

    /** Stores a new, unheard message. */
    void store(Message message, byte[] wav);

    /** Newest first. */
    List<Message> list(Extension mailbox);

    Optional<Message> find(Extension mailbox, String id);

    /** The WAV of a message the mailbox has. */
    Optional<byte[]> audio(Extension mailbox, String id);

    /** {@code false} when the mailbox has no such message. */
    boolean markHeard(Extension mailbox, String id);

    /** {@code false} when the mailbox has no such message. */
    boolean delete(Extension mailbox, String id);

    /** Every message of the mailbox (its user is being removed). */
    void deleteAll(Extension mailbox);

    MailboxSummary summary(Extension mailbox);

    /** One message; {@code from} empty when the caller's number was withheld or unknown. */
    record Message(String id, Extension mailbox, Optional<PhoneNumber> from, Instant at, int seconds, boolean heard) {
        public Message {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The counts of RFC 3842's {@code Voice-Message: new/old}. */
    record MailboxSummary(int newMessages, int oldMessages) {
        public static final MailboxSummary EMPTY = new MailboxSummary(0, 0);

        public boolean waiting() {
            return newMessages > 0;
        }
    }
}
