package se.plus.it.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSConsumer;
import jakarta.jms.TextMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;

/** A message that is no command is answered, kept in plus.dead-letter, and blocks nothing behind it. */
@ExtendWith(ArquillianExtension.class)
class JmsPoisonIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void malformedJsonGetsAnErrorReplyLandsInTheDeadLetterQueueAndTheNextCommandIsStillApplied() throws Exception {
        String ext = Rest.createUser("");
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            String poison = "poison-" + ext;
            String next = "next-" + ext;
            integrator.send("{\"extension\":\"" + ext + "\",\"digits\":", poison);
            integrator.send(Integrator.dial(ext, "*21*0701234567#"), next);

            var first = integrator.awaitReply();
            var second = integrator.awaitReply();

            var poisonReply = first.correlationId().equals(poison) ? first : second;
            var nextReply = first.correlationId().equals(next) ? first : second;
            assertEquals("ERROR", poisonReply.outcome(), poisonReply.json().toString());
            assertEquals("VALIDATION", poisonReply.code());
            assertEquals("DONE", nextReply.outcome(), nextReply.json().toString());

            JMSConsumer deadLetters = integrator.jms.createConsumer(integrator.jms.createQueue("plus.dead-letter"),
                    "JMSCorrelationID = '" + poison + "'");
            var dead = (TextMessage) deadLetters.receive(10_000);
            assertNotNull(dead, "the malformed message is not in plus.dead-letter");
            assertEquals("{\"extension\":\"" + ext + "\",\"digits\":", dead.getText());
            assertTrue(dead.getStringProperty("plusError").contains("VALIDATION"), dead.getStringProperty("plusError"));
            assertEquals(PlusServer.jmsUser(), dead.getStringProperty("plusSender"));
        }
    }

    @Test
    void theDeadLetterCopyKeepsTheOriginalsHeadersAndPropertiesAndAddsTheReason() throws Exception {
        String ext = Rest.createUser("");
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            String correlation = "trailing-" + ext;
            TextMessage command = integrator.jms.createTextMessage("{}{}");
            command.setJMSReplyTo(integrator.replies);
            command.setJMSCorrelationID(correlation);
            command.setJMSType("plus.dial.v1");
            command.setStringProperty("tenant", "acme");
            command.setIntProperty("attempt", 3);
            command.setBooleanProperty("urgent", true);
            integrator.jms.createProducer().send(integrator.commands, command);

            var reply = integrator.awaitReply();
            JMSConsumer deadLetters = integrator.jms.createConsumer(integrator.jms.createQueue("plus.dead-letter"),
                    "JMSCorrelationID = '" + correlation + "'");
            var dead = (TextMessage) deadLetters.receive(10_000);

            assertEquals("VALIDATION", reply.code(), reply.json().toString());
            assertTrue(reply.json().toString().contains("not JSON"), reply.json().toString());
            assertNotNull(dead, "the message is not in plus.dead-letter");
            assertEquals("{}{}", dead.getText());
            assertEquals("plus.dial.v1", dead.getJMSType());
            assertEquals("acme", dead.getStringProperty("tenant"));
            assertEquals(3, dead.getIntProperty("attempt"));
            assertTrue(dead.getBooleanProperty("urgent"));
            assertTrue(dead.getStringProperty("plusError").contains("VALIDATION"), dead.getStringProperty("plusError"));
        }
    }

    @Test
    void aMessageThatIsNotTextIsAnsweredAndDeadLettered() throws Exception {
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            String correlation = "bytes-" + System.nanoTime();
            BytesMessage bytes = integrator.jms.createBytesMessage();
            bytes.writeBytes(new byte[] {1, 2, 3});
            bytes.setJMSReplyTo(integrator.replies);
            bytes.setJMSCorrelationID(correlation);
            integrator.jms.createProducer().send(integrator.commands, bytes);

            var reply = integrator.awaitReply();

            assertEquals(correlation, reply.correlationId());
            assertEquals("VALIDATION", reply.code(), reply.json().toString());
            JMSConsumer deadLetters = integrator.jms.createConsumer(integrator.jms.createQueue("plus.dead-letter"),
                    "JMSCorrelationID = '" + correlation + "'");
            assertNotNull(deadLetters.receive(10_000), "the message is not in plus.dead-letter");
        }
    }
}
