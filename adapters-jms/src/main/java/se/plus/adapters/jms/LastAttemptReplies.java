package se.plus.adapters.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The error reply to a command whose last delivery failed. The delivery's own transaction is rolled
 * back (so that the broker moves the message to the dead-letter queue), and a reply sent in it would
 * be rolled back too: this one is sent in a transaction of its own, or the client would never hear.
 */
@ApplicationScoped
class LastAttemptReplies {

    @Inject
    ReplySender replies;

    @Transactional(TxType.REQUIRES_NEW)
    void answer(Delivery delivery, Reply reply) {
        replies.answer(delivery, reply);
    }
}
