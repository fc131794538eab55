package se.plus.it.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;

/** Events on plus.events, received from outside by a subscriber that follows the README literally. */
@ExtendWith(ArquillianExtension.class)
class JmsEventsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void aChangeThroughRestIsPublishedOnceWithItsTypeAsAPropertyToSelectOn() throws Exception {
        String ext = Rest.createUser("");
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = integrator.jms.createConsumer(integrator.jms.createTopic("plus.events"),
                    "type = 'FORWARDING_CHANGED' AND extension = '" + ext + "'");

            var answer = Rest.asUser(ext).put("/api/users/" + ext + "/forwarding/busy", "{\"target\":\"0701234567\"}");
            assertEquals(200, answer.status(), answer.body());

            var message = (TextMessage) events.receive(20_000);
            assertNotNull(message, "no FORWARDING_CHANGED event within 20 s");
            assertEquals("REST", message.getStringProperty("source"));
            JsonObject event = Json.createReader(new StringReader(message.getText())).readObject();
            assertEquals("FORWARDING_CHANGED", event.getString("type"));
            assertEquals(ext, event.getString("extension"));
            assertEquals("REST", event.getString("source"));
            assertEquals("BUSY", event.getString("kind"));
            assertEquals("+46701234567", event.getString("target"));
            java.time.Instant.parse(event.getString("at"));
            assertNull(events.receive(1000), "one change, one event");
        }
    }

    @Test
    void aChangeThroughJmsIsPublishedWithSourceJms() throws Exception {
        String ext = Rest.createUser("");
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = integrator.jms.createConsumer(integrator.jms.createTopic("plus.events"),
                    "extension = '" + ext + "'");

            var reply = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"CALL_WAITING\",\"on\":false}");
            assertEquals("DONE", reply.outcome(), reply.json().toString());

            var message = (TextMessage) events.receive(20_000);
            assertNotNull(message, "no event within 20 s");
            JsonObject event = Json.createReader(new StringReader(message.getText())).readObject();
            assertEquals("CALL_WAITING_CHANGED", event.getString("type"), event.toString());
            assertEquals("JMS", event.getString("source"));
            assertEquals(false, event.getBoolean("on"));
        }
    }

    @Test
    void eachEventCarriesAUniqueIdAndItsExtensionsSequenceCountingUpWithoutGaps() throws Exception {
        String ext = Rest.createUser("");
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = integrator.jms.createConsumer(integrator.jms.createTopic("plus.events"),
                    "extension = '" + ext + "'");

            for (String kind : java.util.List.of("busy", "no-answer", "unconditional")) {
                var answer = Rest.asUser(ext).put("/api/users/" + ext + "/forwarding/" + kind, "{\"target\":\"0701234567\"}");
                assertEquals(200, answer.status(), answer.body());
            }

            java.util.Set<String> ids = new java.util.HashSet<>();
            for (long expected = 1; expected <= 3; expected++) {
                var message = (TextMessage) events.receive(20_000);
                assertNotNull(message, "event " + expected + " not within 20 s");
                JsonObject event = Json.createReader(new StringReader(message.getText())).readObject();
                assertEquals(expected, event.getJsonNumber("sequence").longValueExact(), event.toString());
                assertEquals(expected, message.getLongProperty("sequence"));
                assertEquals(event.getString("id"), message.getStringProperty("id"));
                assertTrue(ids.add(event.getString("id")), "ids are unique: " + ids);
            }
        }
    }

    @Test
    void aRefusedCommandPublishesNothing() throws Exception {
        String ext = Rest.createUser("");
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = integrator.jms.createConsumer(integrator.jms.createTopic("plus.events"),
                    "extension = '" + ext + "'");

            var reply = integrator.call(Integrator.dial(ext, "*21*" + ext + "#"));

            assertEquals("REFUSED", reply.outcome(), reply.json().toString());
            assertNull(events.receive(1500), "a refusal changes nothing and publishes nothing");
        }
    }
}
