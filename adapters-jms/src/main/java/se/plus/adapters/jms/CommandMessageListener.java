package se.plus.adapters.jms;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
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
 * <p>Everything of one delivery is one container transaction: the idempotency mark, the state change,
 * its audit record, its event, the reply and the acknowledgement commit together or not at all. Bad
 * input is answered (and copied to the dead-letter queue) and acknowledged. A technical failure rolls
 * the delivery back: the broker redelivers it after a delay, other messages go on meanwhile, and after
 * the configured attempts it moves it to {@code plus.dead-letter}; the last attempt still sends the
 * client an error reply, in a transaction of its own.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/plus.commands"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
public class CommandMessageListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(CommandMessageListener.class.getName());

    @Resource
    MessageDrivenContext context;

    @Inject
    CommandTranslator translator;

    @Inject
    ReplySender replies;

    @Inject
    LastAttemptReplies lastAttempt;

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
            LOG.log(Level.WARNING, "a command message could not be read; it is delivered again", unreadable);
            context.setRollbackOnly();
            return;
        }
        try {
            Reply reply = translator.handle(delivery.body(), delivery.messageId(), delivery.user());
            if (reply.deadLetter()) {
                LOG.info(() -> "command " + delivery.messageId() + " is no command, answered and dead-lettered: " + reply.json());
                replies.deadLetter(delivery, reply);
            }
            replies.answer(delivery, reply);
        } catch (RuntimeException failure) {
            context.setRollbackOnly();
            boolean last = delivery.attempt() >= maxDeliveryAttempts;
            LOG.log(Level.WARNING, "command " + delivery.messageId() + " failed at delivery " + delivery.attempt() + " of "
                    + maxDeliveryAttempts + (last ? "; it goes to plus.dead-letter" : "; it is delivered again"), failure);
            if (last) {
                try {
                    lastAttempt.answer(delivery, ReplyJson.error("TECHNICAL", "the command failed " + delivery.attempt()
                            + " times and was not applied; it is kept in plus.dead-letter ("
                            + failure.getClass().getSimpleName() + ")"));
                } catch (RuntimeException unanswered) {
                    LOG.log(Level.WARNING, "could not send the error reply of command " + delivery.messageId(), unanswered);
                }
            }
        }
    }
}
