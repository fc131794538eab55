package se.plus.adapters.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import java.util.logging.Logger;

/**
 * Sends replies and dead-letter copies through the injected JMS context, outside any transaction: the
 * listener calls it after the command's database transaction committed and before the message is
 * acknowledged, so a crash in between sends the reply again at the redelivery rather than never.
 */
@ApplicationScoped
class ReplySender {

    private static final Logger LOG = Logger.getLogger(ReplySender.class.getName());

    @Inject
    JMSContext jms;

    @Resource(lookup = "java:/jms/queue/plus.dead-letter")
    Queue deadLetters;

    /** No reply-to: nothing to answer. A reply-to that is gone (a client that left) does not undo the command. */
    void answer(Delivery delivery, Reply reply) {
        if (delivery.replyTo() == null) {
            return;
        }
        try {
            jms.createProducer()
                    .setJMSCorrelationID(delivery.correlationId())
                    .setProperty("outcome", reply.outcome())
                    .send(delivery.replyTo(), reply.json());
        } catch (InvalidDestinationRuntimeException gone) {
            LOG.info(() -> "reply to " + delivery.replyTo() + " dropped, the destination is gone: " + gone.getMessage());
        }
    }

    /**
     * A copy of a message that is no command, for an operator: the original text with the original's
     * JMSCorrelationID, JMSType, reply-to and every property of the sender, as the broker's own
     * dead-lettering would keep them, plus the reason and the original ids. Sent at once rather than
     * after the broker's redeliveries, which could not change it.
     */
    void deadLetter(Delivery delivery, Reply reply) {
        var producer = jms.createProducer();
        delivery.original().properties().forEach(producer::setProperty);
        producer.setJMSCorrelationID(delivery.original().correlationId())
                .setJMSType(delivery.original().type())
                .setProperty("plusError", reply.json())
                .setProperty("plusOriginalMessageId", String.valueOf(delivery.messageId()));
        delivery.user().ifPresent(user -> producer.setProperty("plusSender", user));
        if (delivery.replyTo() != null) {
            producer.setJMSReplyTo(delivery.replyTo());
        }
        producer.send(deadLetters, delivery.body() == null ? "" : delivery.body());
    }
}
