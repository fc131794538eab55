package se.plus.adapters.sip;

import jakarta.enterprise.context.ApplicationScoped;
import se.plus.application.port.out.MessageWaiting;
import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.domain.number.Extension;

/**
 * The message-waiting port on the SIP side: the subscriptions live as long as the SIP listener, which
 * attaches them when it starts; before that (or after it stopped) there is nobody to tell.
 */
@ApplicationScoped
public class SipMessageWaiting implements MessageWaiting {

    private volatile MessageWaitingSubscriptions subscriptions;

    void attach(MessageWaitingSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public void changed(Extension mailbox, MailboxSummary summary) {
        MessageWaitingSubscriptions current = subscriptions;
        if (current != null) {
            current.changed(mailbox, summary);
        }
    }
}
