package se.plus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The three smoke checks of the foundation, through the real entry points of the deployed EAR. */
@ExtendWith(ArquillianExtension.class)
class FoundationSmokeIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void healthIsUpWithTheDatabaseTheSipListenerAndTheBrokerNamed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(PlusServer.http("/api/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("UP", health.getString("status"));
        var components = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .map(check -> check.getString("name") + "=" + check.getString("status"))
                .toList();
        assertTrue(components.contains("database=UP"), components.toString());
        assertTrue(components.contains("sip=UP"), components.toString());
        assertTrue(components.contains("broker=UP"), components.toString());
    }

    @Test
    void theServersOwnHealthEndpointsSayLiveAndReadyWithTheEarDeployed() throws Exception {
        String management = "http://127.0.0.1:" + System.getProperty("it.management.port");
        JsonObject live = health(management + "/health/live");
        JsonObject ready = health(management + "/health/ready");

        assertEquals("UP", live.getString("status"), live.toString());
        assertEquals("UP", ready.getString("status"), ready.toString());
        JsonObject deployments = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("deployments-status")).findFirst().orElseThrow()
                .getJsonObject("data");
        assertEquals("OK", deployments.getString("plus-services.ear"), deployments.toString());
        // Our own checks beside the server's: SIP answering decides liveness, SIP, database and broker readiness.
        assertEquals(java.util.Map.of("sip", "UP"), data(live, "plus-sip"), live.toString());
        assertEquals(java.util.Map.of("sip", "UP", "database", "UP", "broker", "UP"), data(ready, "plus-components"),
                ready.toString());
    }

    /** The data of the check named {@code name}, which must be UP. */
    private static java.util.Map<String, String> data(JsonObject health, String name) {
        JsonObject check = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
        assertEquals("UP", check.getString("status"), check.toString());
        var data = new java.util.TreeMap<String, String>();
        check.getJsonObject("data").forEach((key, value) -> data.put(key, ((jakarta.json.JsonString) value).getString()));
        return data;
    }

    private static JsonObject health(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    @Test
    void theRestApiIsDescribedByTheServersOpenApiDocument() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(PlusServer.http("/openapi?format=JSON")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject paths = Json.createReader(new StringReader(response.body())).readObject().getJsonObject("paths");
        for (String path : new String[] {"/api/users", "/api/users/{ext}/dial", "/api/users/{ext}/services",
                "/api/users/{ext}/forwarding/{kind}", "/api/users/{ext}/active-profile", "/api/queues/{number}/logins/{ext}",
                "/api/audit"}) {
            assertTrue(paths.containsKey(path), path + " missing from " + paths.keySet());
        }
    }

    @Test
    void sipOptionsOverUdpIsAnswered200() throws Exception {
        assertEquals("SIP/2.0 200 OK", SipProbe.options(PlusServer.sipPort(), 3000));
    }

    @Test
    void aCommandSentFromOutsideTheServerGetsAReplyCorrelatedToIt() throws Exception {
        try (var factory = new ActiveMQConnectionFactory(PlusServer.jmsUrl());
             JMSContext jms = factory.createContext(PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            var commands = jms.createQueue("plus.commands");
            var replies = jms.createTemporaryQueue();
            var consumer = jms.createConsumer(replies);
            TextMessage request = jms.createTextMessage("{\"extension\":\"1001\",\"digits\":\"*21*0701234567#\",\"device\":\"TERMINAL\"}");
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("smoke-1");
            jms.createProducer().send(commands, request);

            var reply = (TextMessage) consumer.receive(20_000);

            assertNotNull(reply, "no reply within 20 s");
            assertEquals("smoke-1", reply.getJMSCorrelationID());
            JsonObject body = Json.createReader(new StringReader(reply.getText())).readObject();
            assertTrue(body.containsKey("outcome"), body.toString());
        }
    }
}
