package se.plus.it.jms;

import jakarta.jms.Destination;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An integrator's client of the server under test, exactly as the README tells one to connect: the
 * Artemis Jakarta client, the URL and the user of the README, a temporary queue for replies.
 */
public final class Integrator implements AutoCloseable {

    static final long REPLY_WAIT_MS = 20_000;

    private final ActiveMQConnectionFactory factory;
    final JMSContext jms;
    final Destination commands;
    final Destination replies;
    private final JMSConsumer replyConsumer;
    private final String user;

    public Integrator(String url, String user, String password) {
        this(url, user, password, user);
    }

    /** {@code namedUser}: the user each command names as its sender (JMSXUserID), as the README shows. */
    Integrator(String url, String user, String password, String namedUser) {
        this.user = namedUser;
        factory = new ActiveMQConnectionFactory(url);
        jms = factory.createContext(user, password);
        commands = jms.createQueue("plus.commands");
        replies = jms.createTemporaryQueue();
        replyConsumer = jms.createConsumer(replies);
    }

    /** A subscriber to {@code plus.events} with a JMS selector, e.g. {@code type = 'CALL_PICKED_UP'}. */
    public JMSConsumer events(String selector) {
        return jms.createConsumer(jms.createTopic("plus.events"), selector);
    }

    /** Sends one command with a fresh correlation id and waits for its reply. */
    public Reply call(String json) throws Exception {
        String correlation = "it-" + UUID.randomUUID();
        send(json, correlation);
        return awaitReply();
    }

    TextMessage send(String json, String correlation) throws Exception {
        TextMessage request = jms.createTextMessage(json);
        request.setJMSReplyTo(replies);
        request.setStringProperty("JMSXUserID", user);
        if (correlation != null) {
            request.setJMSCorrelationID(correlation);
        }
        jms.createProducer().send(commands, request);
        return request;
    }

    Reply awaitReply() throws Exception {
        Message reply = replyConsumer.receive(REPLY_WAIT_MS);
        if (reply == null) {
            throw new AssertionError("no reply within " + REPLY_WAIT_MS + " ms");
        }
        String text = ((TextMessage) reply).getText();
        return new Reply(reply.getJMSCorrelationID(), reply.getStringProperty("outcome"),
                Json.createReader(new StringReader(text)).readObject());
    }

    /** Nothing more arrives within {@code millis}. */
    Message nextReplyOrNull(long millis) {
        return replyConsumer.receive(millis);
    }

    static String dial(String extension, String digits) {
        return "{\"extension\":\"" + extension + "\",\"digits\":\"" + digits + "\",\"device\":\"TERMINAL\"}";
    }

    @Override
    public void close() {
        jms.close();
        factory.close();
    }

    public record Reply(String correlationId, String outcomeProperty, JsonObject json) {

        public String outcome() {
            return json.getString("outcome");
        }

        String code() {
            return json.getString("code", null);
        }
    }
}
