package se.plus.application.port.in;

import java.util.List;
import java.util.Optional;
import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.application.port.out.VoicemailBox.Message;
import se.plus.domain.number.Extension;

/**
 * A user's built-in voicemail as its owner (or an administrator) sees it. Who may ask is the entry
 * point's check; a message is always looked up within the mailbox named, so an id of someone else's
 * message is simply not found.
 */
public interface ReadVoicemailUseCase {

    /**
     * The messages, newest first.
     *
     * @throws NoSuchUserException when there is no such user
     */
    List<Message> list(Extension mailbox);

    /** The message's WAV; the message is heard from now on. Empty when the mailbox has no such message. */
    Optional<byte[]> listen(Extension mailbox, String id);

    /** {@code false} when the mailbox has no such message. */
    boolean delete(Extension mailbox, String id);

    /** How many messages are new and how many heard: what a message-waiting indicator shows. */
    MailboxSummary summary(Extension mailbox);
}
