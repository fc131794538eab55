package se.plus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An activated profile reverts to Available at its end by itself: recorded and published like any change. */
@ExtendWith(ArquillianExtension.class)
class ProfileExpiryIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void lunchUntilAFewSecondsFromNowEndsByItselfWithAnAuditRecordAndAProfileExpiredEvent() throws Exception {
        String ext = Rest.createUser(null);
        var user = Rest.asUser(ext);
        assertEquals(201, user.post("/api/users/" + ext + "/profiles",
                "{\"number\":2,\"name\":\"Lunch\",\"handling\":\"VOICEMAIL\",\"defaultDuration\":\"PT1H\"}").status());

        try (var factory = new ActiveMQConnectionFactory(PlusServer.jmsUrl());
             JMSContext jms = factory.createContext(PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            var events = jms.createConsumer(jms.createTopic("plus.events"),
                    "type = 'PROFILE_EXPIRED' AND extension = '" + ext + "'");
            Instant until = Instant.now().plusSeconds(3);
            var activated = user.put("/api/users/" + ext + "/active-profile",
                    "{\"number\":2,\"until\":\"" + until + "\"}");
            assertEquals(200, activated.status(), activated.body());
            assertEquals(2, activated.json().getJsonObject("state").getJsonObject("activeProfile").getInt("number"));

            var event = (TextMessage) events.receive(15_000);

            assertNotNull(event, "no PROFILE_EXPIRED event within 15 s");
            JsonObject json = Json.createReader(new StringReader(event.getText())).readObject();
            assertEquals("PROFILE_EXPIRED", json.getString("type"));
            assertEquals(ext, json.getString("extension"));
            assertEquals("TIMER", json.getString("source"));
            assertEquals(2, json.getInt("profile"));
            assertTrue(!Instant.parse(json.getString("at")).isBefore(until), json.toString());
        }
        var audit = Rest.admin().get("/api/audit?extension=" + ext).structure().asJsonArray()
                .getValuesAs(JsonObject.class);
        JsonObject last = audit.get(audit.size() - 1);
        assertEquals("PROFILE EXPIRE", last.getString("action"));
        assertEquals("TIMER", last.getString("entryPoint"));
        assertTrue(last.getString("after").contains("profile=1"), last.toString());
        assertEquals(1, Rest.asUser(ext).get("/api/users/" + ext + "/services").json()
                .getJsonObject("activeProfile").getInt("number"));
    }
}
