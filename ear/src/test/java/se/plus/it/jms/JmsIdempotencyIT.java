package se.plus.it.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.jms.JMSConsumer;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;

/** A message delivered twice changes state once (idempotency by JMSMessageID). */
@ExtendWith(ArquillianExtension.class)
class JmsIdempotencyIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void theSameMessageDeliveredAgainAfterALaterChangeIsNotAppliedAgainAndItsReplySaysSo() throws Exception {
        String ext = Rest.createUser("");
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = integrator.jms.createConsumer(integrator.jms.createTopic("plus.events"),
                    "extension = '" + ext + "'");
            // Call waiting is on for a new user: off, on, and then the "off" message again.
            var off = integrator.send("{\"extension\":\"" + ext + "\",\"command\":\"CALL_WAITING\",\"on\":false}",
                    "off-" + ext);
            String id = off.getJMSMessageID();
            var first = integrator.awaitReply();
            var on = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"CALL_WAITING\",\"on\":true}");
            // The same message object again, its id kept (no new id is stamped on it): what a client's
            // resend after a lost acknowledgement, or a redelivery, puts on the queue.
            integrator.jms.createProducer().setDisableMessageID(true).send(integrator.commands, off);
            var again = integrator.awaitReply();

            assertEquals(id, off.getJMSMessageID());
            assertEquals("DONE", first.outcome(), first.json().toString());
            assertEquals("DONE", on.outcome(), on.json().toString());
            assertEquals("ALREADY_PROCESSED", again.outcome(), again.json().toString());
            assertEquals(id, again.json().getString("messageId"));
            assertEquals("off-" + ext, again.correlationId());
            assertTrue(again.json().getJsonObject("state").getBoolean("callWaiting"), "applied once: still on");
            assertTrue(Rest.admin().get("/api/users/" + ext + "/services").json().getBoolean("callWaiting"));
            assertNotNull(events.receive(10_000), "off published");
            assertNotNull(events.receive(10_000), "on published");
            assertNull(events.receive(1500), "the second delivery published nothing");
            long jmsChanges = Rest.admin().get("/api/audit?extension=" + ext).structure().asJsonArray()
                    .getValuesAs(JsonObject.class).stream().filter(r -> r.getString("entryPoint").equals("JMS")).count();
            assertEquals(2, jmsChanges);
        }
    }
}
