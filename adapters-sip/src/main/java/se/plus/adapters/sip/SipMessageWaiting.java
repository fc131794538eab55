package se.plus.adapters.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import se.plus.application.port.out.MailboxChanges;
import se.plus.application.port.out.MessageWaiting;
import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.domain.number.Extension;

/**
 * The message-waiting port on the SIP side: the subscriptions live as long as the SIP listener, which
 * attaches them when it starts; before that (or after it stopped) there is nobody here to tell, but the
 * change is still marked for the other servers of a cluster.
 */
@ApplicationScoped
public class SipMessageWaiting implements MessageWaiting {

    @Inject
    MailboxChanges changes;

    private volatile MessageWaitingSubscriptions subscriptions;

    void attach(MessageWaitingSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** The change is marked for every server of a cluster first, then this server's phones are told. */
    @Override
    public void changed(Extension mailbox, MailboxSummary summary) {
        String mark = changes.mark(mailbox);
        MessageWaitingSubscriptions current = subscriptions;
        if (current != null) {
            current.changed(mailbox, summary, mark);
        }
    }
}
