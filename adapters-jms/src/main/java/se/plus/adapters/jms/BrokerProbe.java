package se.plus.adapters.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import se.plus.application.port.out.ComponentProbe;

/**
 * The broker answers: a session on it is opened and the commands queue browsed (a round trip to the
 * broker, not a flag), outside any transaction.
 */
@ApplicationScoped
class BrokerProbe implements ComponentProbe {

    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connections;

    @Resource(lookup = "java:/jms/queue/plus.commands")
    Queue commands;

    @Override
    public String component() {
        return "broker";
    }

    @Override
    public boolean isUp() {
        try (JMSContext context = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            try (QueueBrowser browser = context.createBrowser(commands)) {
                browser.getEnumeration().hasMoreElements();
            }
            return true;
        } catch (JMSRuntimeException | jakarta.jms.JMSException down) {
            return false;
        }
    }
}
