package se.plus.adapters.jms;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Optional;

/**
 * What the adapter needs of one delivery of a command message, read once.
 *
 * @param user    the user the message names ({@code JMSXUserID}); see {@link Integrators} on who sets it
 * @param attempt 1 for the first delivery, counting up with each redelivery
 */
record Delivery(String messageId, String correlationId, Destination replyTo, Optional<String> user, int attempt,
                String body) {

    static Delivery of(Message message) throws JMSException {
        String correlation = message.getJMSCorrelationID() != null ? message.getJMSCorrelationID() : message.getJMSMessageID();
        int attempt = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        String body = message instanceof TextMessage text ? text.getText() : null;
        return new Delivery(message.getJMSMessageID(), correlation, message.getJMSReplyTo(),
                Optional.ofNullable(message.getStringProperty("JMSXUserID")).filter(u -> !u.isBlank()), attempt, body);
    }
}
