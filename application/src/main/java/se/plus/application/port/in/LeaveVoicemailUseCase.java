package se.plus.application.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/**
 * A caller's message for a user's built-in voicemail: stored with its metadata, announced as
 * {@code VOICEMAIL_LEFT}, and the user's subscribed phones told that a message waits (RFC 3842).
 */
public interface LeaveVoicemailUseCase {

    /** The stored message's id; empty when the mailbox's user no longer exists (the message is dropped). */
    Optional<String> leave(Deposit deposit);

    /**
     * @param from the caller's number; empty when withheld or unknown
     * @param seconds whole seconds of audio
     * @param wav the message as a complete WAV file
     */
    record Deposit(Extension mailbox, Optional<PhoneNumber> from, Instant at, int seconds, byte[] wav) {
        public Deposit {
            Objects.requireNonNull(mailbox, "mailbox");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(wav, "wav");
            if (seconds < 1) {
                throw new IllegalArgumentException("a voicemail message has at least one second: " + seconds);
            }
            if (wav.length == 0) {
                throw new IllegalArgumentException("a voicemail message has audio");
            }
        }
    }
}
