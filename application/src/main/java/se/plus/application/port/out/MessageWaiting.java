package se.plus.application.port.out;

import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.domain.number.Extension;

/**
 * Tells a user's phones that their mailbox changed (RFC 3842 message-waiting). Called after the change
 * committed; it must not block (the phones are told in the background).
 */
public interface MessageWaiting {

    void changed(Extension mailbox, MailboxSummary summary);
}
