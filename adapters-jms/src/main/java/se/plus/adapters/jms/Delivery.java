package se.plus.adapters.jms;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the adapter needs of one delivery of a command message, read once.
 *
 * @param correlationId the message's JMSCorrelationID, or its JMSMessageID when it has none (what replies carry)
 * @param user          the user the message names ({@code JMSXUserID}); see {@link Integrators} on who sets it
 * @param attempt       1 for the first delivery, counting up with each redelivery
 * @param original      what a dead-letter copy keeps of the message as it was sent
 */
record Delivery(String messageId, String correlationId, Destination replyTo, Optional<String> user, int attempt,
                String body, Original original) {

    /**
     * The sender's own headers and properties, as the broker's dead-lettering would keep them. The
     * provider's JMSX* properties are left out: the broker sets them again on the copy.
     */
    record Original(String correlationId, String type, Map<String, Object> properties) {
    }

    static Delivery of(Message message) throws JMSException {
        String correlation = message.getJMSCorrelationID() != null ? message.getJMSCorrelationID() : message.getJMSMessageID();
        int attempt = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        String body = message instanceof TextMessage text ? text.getText() : null;
        var properties = new LinkedHashMap<String, Object>();
        Enumeration<?> names = message.getPropertyNames();
        for (Object name : names == null ? Collections.emptyList() : Collections.list(names)) {
            String property = String.valueOf(name);
            if (!property.startsWith("JMSX")) {
                properties.put(property, message.getObjectProperty(property));
            }
        }
        return new Delivery(message.getJMSMessageID(), correlation, message.getJMSReplyTo(),
                Optional.ofNullable(message.getStringProperty("JMSXUserID")).filter(u -> !u.isBlank()), attempt, body,
                new Original(message.getJMSCorrelationID(), message.getJMSType(), Collections.unmodifiableMap(properties)));
    }
}
