package se.plus.it.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;

/** Commands and their replies, from outside the server, as an integrator following the README sends them. */
@ExtendWith(ArquillianExtension.class)
class JmsCommandsIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    private Integrator integrator;

    @BeforeEach
    void connect() {
        integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword());
    }

    @AfterEach
    void disconnect() {
        integrator.close();
    }

    @Test
    void aDialStringIsAppliedAndAnsweredLikeTheRestDialWithTheRequestsCorrelationId() throws Exception {
        String ext = Rest.createUser("");

        integrator.send(Integrator.dial(ext, "*21*0701234567#"), "corr-" + ext);
        var reply = integrator.awaitReply();

        assertEquals("corr-" + ext, reply.correlationId());
        assertEquals("DONE", reply.outcome(), reply.json().toString());
        assertEquals("DONE", reply.outcomeProperty());
        assertEquals("FORWARDING_UNCONDITIONAL", reply.json().getString("service"));
        assertEquals("ACTIVATE", reply.json().getString("action"));
        assertTrue(reply.json().containsKey("message") && reply.json().containsKey("messageSv"));
        JsonObject unconditional = reply.json().getJsonObject("state").getJsonObject("forwarding").getJsonObject("unconditional");
        assertEquals("+46701234567", unconditional.getString("target"));
        var services = Rest.admin().get("/api/users/" + ext + "/services").json();
        assertEquals("+46701234567", services.getJsonObject("forwarding").getJsonObject("unconditional").getString("target"));
        var audit = Rest.admin().get("/api/audit?extension=" + ext).body();
        assertTrue(audit.contains("\"JMS\"") && audit.contains(PlusServer.jmsUser()), audit);
    }

    @Test
    void restAndJmsAnswerTheSameDialAndTheSameServicesWithTheSameJson() throws Exception {
        String ext = Rest.createUser("");
        String dial = "{\"digits\":\"*21*0701234567#\",\"device\":\"TERMINAL\"}";

        var rest = Rest.admin().post("/api/users/" + ext + "/dial", dial);
        var jms = integrator.call(Integrator.dial(ext, "*21*0701234567#"));
        var restServices = Rest.admin().get("/api/users/" + ext + "/services");
        var jmsServices = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"GET_SERVICES\"}");

        assertEquals(200, rest.status(), rest.body());
        assertEquals(rest.json(), jms.json(), "the same dial, answered the same by both entry points");
        assertEquals(restServices.json(), jmsServices.json().getJsonObject("state"));
    }

    @Test
    void withoutACorrelationIdTheReplyIsCorrelatedByTheRequestsMessageId() throws Exception {
        String ext = Rest.createUser("");

        var request = integrator.send(Integrator.dial(ext, "*43#"), null);
        var reply = integrator.awaitReply();

        assertEquals(request.getJMSMessageID(), reply.correlationId());
        assertEquals("DONE", reply.outcome(), reply.json().toString());
        assertTrue(reply.json().getJsonObject("state").getBoolean("callWaiting"));
    }

    @Test
    void theExplicitCommandsDoWhatRestDoes() throws Exception {
        String ext = Rest.createUser("");

        var forward = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"FORWARD\",\"kind\":\"NO_ANSWER\","
                + "\"target\":\"0701234567\",\"delaySeconds\":30}");
        assertEquals("DONE", forward.outcome(), forward.json().toString());
        JsonObject noAnswer = forward.json().getJsonObject("state").getJsonObject("forwarding").getJsonObject("noAnswer");
        assertEquals("+46701234567", noAnswer.getString("target"));
        assertEquals(30, noAnswer.getInt("delaySeconds"));

        var cancel = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"CANCEL_FORWARDING\",\"kind\":\"NO_ANSWER\"}");
        assertEquals("DONE", cancel.outcome(), cancel.json().toString());
        assertEquals(false, cancel.json().getJsonObject("state").getJsonObject("forwarding").getJsonObject("noAnswer")
                .getBoolean("active"));

        var read = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"GET_SERVICES\"}");
        assertEquals("DONE", read.outcome(), read.json().toString());
        assertEquals(ext, read.json().getJsonObject("state").getString("extension"));

        var waiting = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"CALL_WAITING\",\"on\":true}");
        assertTrue(waiting.json().getJsonObject("state").getBoolean("callWaiting"), waiting.json().toString());

        var profile = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"DEACTIVATE_PROFILE\"}");
        assertEquals("DONE", profile.outcome(), profile.json().toString());
    }

    @Test
    void aRefusedCodeIsAnsweredWithItsOutcomeCodeAndChangesNothing() throws Exception {
        String ext = Rest.createUser("");

        var reply = integrator.call(Integrator.dial(ext, "*75*424242#"));

        assertEquals("REFUSED", reply.outcome(), reply.json().toString());
        assertEquals("SERVICE_NOT_ACTIVE", reply.code());
        assertTrue(reply.json().containsKey("messageSv"));
        String audit = Rest.admin().get("/api/audit?extension=" + ext).body();
        assertTrue(!audit.contains("\"JMS\""), audit);
    }

    @Test
    void anExtensionWithoutAUserIsAnErrorAndNoSecondDeliveryFollows() throws Exception {
        var reply = integrator.call(Integrator.dial("99", "*21*0701234567#"));

        assertEquals("ERROR", reply.outcome(), reply.json().toString());
        assertEquals("NOT_FOUND", reply.code());
        assertNull(integrator.nextReplyOrNull(1500), "the message was acknowledged, not redelivered");
    }

    @Test
    void wrongTypesAndMissingFieldsAreAnsweredAsValidationErrors() throws Exception {
        String ext = Rest.createUser("");
        var before = Rest.admin().get("/api/users/" + ext + "/services").json();

        var wrongType = integrator.call("{\"extension\":" + ext + ",\"digits\":\"*43#\",\"device\":\"TERMINAL\"}");
        var missing = integrator.call("{\"extension\":\"" + ext + "\",\"digits\":\"*43#\"}");
        var unknownCommand = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"SELF_DESTRUCT\"}");
        var badProfile = integrator.call("{\"extension\":\"" + ext + "\",\"command\":\"ACTIVATE_PROFILE\",\"profile\":\"2\"}");

        for (var reply : new Integrator.Reply[] {wrongType, missing, unknownCommand, badProfile}) {
            assertEquals("ERROR", reply.outcome(), reply.json().toString());
            assertEquals("VALIDATION", reply.code(), reply.json().toString());
        }
        assertEquals(before, Rest.admin().get("/api/users/" + ext + "/services").json());
    }

    @Test
    void anIntegratorIsRefusedExtensionsItsSettingDoesNotList() throws Exception {
        String ext = Rest.createUser("");
        try (var restricted = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword(),
                "it-restricted")) {
            var reply = restricted.call(Integrator.dial(ext, "*43#"));

            assertEquals("ERROR", reply.outcome(), reply.json().toString());
            assertEquals("FORBIDDEN", reply.code());
            assertTrue(reply.json().getString("detail").contains("plus.jms.integrators.it-restricted.extensions"));
        }
    }
}
