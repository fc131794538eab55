package se.plus.adapters.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.logging.Logger;

/**
 * Consumes {@code plus.commands} and answers on the request's reply-to, correlated by the request's
 * correlation id (or its message id when it has none), as contract.md says.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/plus.commands"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "8")
})
public class CommandMessageListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(CommandMessageListener.class.getName());

    @Inject
    JMSContext jms;

    @Inject
    CommandTranslator translator;

    @Override
    public void onMessage(Message message) {
        try {
            String reply = translator.handle(message instanceof TextMessage text ? text.getText() : null);
            Destination replyTo = message.getJMSReplyTo();
            if (replyTo == null) {
                return;
            }
            String correlation = message.getJMSCorrelationID() != null
                    ? message.getJMSCorrelationID() : message.getJMSMessageID();
            jms.createProducer().setJMSCorrelationID(correlation).send(replyTo, reply);
        } catch (JMSException broken) {
            LOG.warning(() -> "could not read or answer a command: " + broken);
            throw new IllegalStateException(broken);
        }
    }
}
