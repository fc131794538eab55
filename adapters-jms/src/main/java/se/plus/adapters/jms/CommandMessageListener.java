package se.plus.adapters.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Consumes {@code plus.commands} and answers on the request's reply-to, correlated by the request's
 * correlation id (or its message id when it has none), as contract.md says.
 *
 * <p>No transaction spans the broker and the database. A delivery is: the command, its idempotency
 * mark, its audit record, its events (in the outbox) and its reply committed in one local database
 * transaction ({@link CommandTranslator}); then the reply sent; then, when this method returns, the
 * message acknowledged. A crash before the acknowledgement redelivers the message, which finds its mark
 * and is answered again with the stored reply, changing nothing. Bad input is answered (and copied to
 * the dead-letter queue) and acknowledged. A technical failure throws: the broker redelivers the message
 * after a delay, other messages go on meanwhile, and after the configured attempts it moves it to
 * {@code plus.dead-letter}; the last attempt sends the client an error reply first.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/plus.commands"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CommandMessageListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(CommandMessageListener.class.getName());

    @Inject
    CommandTranslator translator;

    @Inject
    ReplySender replies;

    /** The same setting the server's address-setting of plus.commands is configured from (configure.cli). */
    @Inject
    @ConfigProperty(name = "plus.jms.max-delivery-attempts", defaultValue = "5")
    int maxDeliveryAttempts;

    @Override
    public void onMessage(Message message) {
        Delivery delivery;
        try {
            delivery = Delivery.of(message);
        } catch (JMSException unreadable) {
            throw new IllegalStateException("a command message could not be read; it is delivered again", unreadable);
        }
        Reply reply;
        try {
            reply = translator.handle(delivery.body(), delivery.messageId(), delivery.user());
        } catch (RuntimeException failure) {
            boolean last = delivery.attempt() >= maxDeliveryAttempts;
            LOG.log(Level.WARNING, "command " + delivery.messageId() + " failed at delivery " + delivery.attempt() + " of "
                    + maxDeliveryAttempts + (last ? "; it goes to plus.dead-letter" : "; it is delivered again"), failure);
            if (last) {
                answerLastAttempt(delivery, failure);
            }
            throw failure;
        }
        if (reply.deadLetter()) {
            LOG.info(() -> "command " + delivery.messageId() + " is no command, answered and dead-lettered: " + reply.json());
            replies.deadLetter(delivery, reply);
        }
        replies.answer(delivery, reply);
    }

    private void answerLastAttempt(Delivery delivery, RuntimeException failure) {
        try {
            replies.answer(delivery, ReplyJson.error("TECHNICAL", "the command failed " + delivery.attempt()
                    + " times and was not applied; it is kept in plus.dead-letter ("
                    + failure.getClass().getSimpleName() + ")"));
        } catch (RuntimeException unanswered) {
            LOG.log(Level.WARNING, "could not send the error reply of command " + delivery.messageId(), unanswered);
        }
    }
}
