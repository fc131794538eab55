package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import static se.plus.it.call.CallPhones.assertHears;

import se.plus.it.PlusServer;
import se.plus.it.Rest;
import se.plus.it.call.TestPhone.Answer;
import se.plus.it.jms.Integrator;
import se.plus.it.sip.TestUsers;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * Call control for integrators (contract: the call-control REST rows, JMS {@code CALL}): click-to-dial,
 * transfer and pickup of a call by its id, over REST and JMS, checked at real phones and on the event
 * topic.
 */
@ExtendWith(ArquillianExtension.class)
class CallControlIT {

    private static final Duration WAIT = CallPhones.WAIT;

    private final CallPhones phones = new CallPhones();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @AfterEach
    void closePhones() {
        phones.close();
    }

    private TestPhone registered(SipUser user) throws Exception {
        return phones.registered(user);
    }

    private static Rest as(SipUser user) {
        return Rest.as(user.extension(), "rest-" + user.sipPassword());
    }

    /** The id of the one call in progress that concerns {@code user}, as call control lists it. */
    private static String liveCallOf(SipUser user) {
        var answer = as(user).get("/api/users/" + user.extension() + "/calls/live");
        assertEquals(200, answer.status(), answer.body());
        JsonArray calls = Json.createReader(new StringReader(answer.body())).readArray();
        assertEquals(1, calls.size(), answer.body());
        return calls.getJsonObject(0).getString("id");
    }

    private static JsonObject event(JMSConsumer events) throws Exception {
        var message = (TextMessage) events.receive(20_000);
        assertNotNull(message, "no event within 20 s");
        return Json.createReader(new StringReader(message.getText())).readObject();
    }

    @Test
    void anna_clicks_to_dial_berit_over_rest_her_phone_rings_first_then_berits() throws Exception {
        SipUser anna = TestUsers.create("Anna Click");
        SipUser berit = TestUsers.create("Berit Click");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        annasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(300));

        HttpResponse<String> placed = TestUsers.post("/api/users/" + anna.extension() + "/calls",
                "{\"to\":\"" + berit.extension() + "\"}");
        assertEquals(202, placed.statusCode(), placed.body());
        String callId = Json.createReader(new StringReader(placed.body())).readObject().getString("callId");
        assertTrue(placed.headers().firstValue("Location").orElse("").endsWith("/api/calls/" + callId),
                placed.headers().toString());

        IncomingCall atAnna = annasPhone.nextIncomingCall(WAIT);
        assertNotNull(atAnna, "Anna's phone rings first");
        assertTrue(atAnna.invite().getHeader("From").toString().contains(berit.extension()), "showing whom she will call");
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit, "once Anna answers, Berit's phone rings");
        assertTrue(atBerit.invite().getHeader("From").toString().contains(anna.extension()), "Anna calls Berit");
        assertTrue(atBerit.awaitAck(WAIT));
        assertTrue(atAnna.awaitAck(WAIT));
        assertEquals("CONNECTED", as(anna).get("/api/calls/" + callId).json().getString("state"));

        assertHears(beritsPhone, annasPhone, atAnna.remoteSdp(), "Anna -> Berit");
        assertHears(annasPhone, beritsPhone, atBerit.remoteSdp(), "Berit -> Anna");
        assertEquals(200, atAnna.hangUp());
        assertTrue(atBerit.awaitBye(WAIT), "Berit hears Anna hang up");
    }

    @Test
    void an_integrator_sends_call_over_jms_and_the_users_phone_then_the_target_ring() throws Exception {
        SipUser anna = TestUsers.create("Anna JmsClick");
        SipUser berit = TestUsers.create("Berit JmsClick");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        annasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            var reply = integrator.call("{\"extension\":\"" + anna.extension() + "\",\"command\":\"CALL\",\"to\":\""
                    + berit.extension() + "\"}");
            assertEquals("DONE", reply.outcome(), reply.json().toString());
            assertTrue(reply.json().getString("callId").length() > 10, reply.json().toString());
        }
        IncomingCall atAnna = annasPhone.nextIncomingCall(WAIT);
        assertNotNull(atAnna);
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit);
        assertTrue(atBerit.awaitAck(WAIT));
        assertHears(beritsPhone, annasPhone, atAnna.remoteSdp(), "Anna -> Berit");
        assertEquals(200, atBerit.hangUp());
        assertTrue(atAnna.awaitBye(WAIT), "Anna hears Berit hang up");
    }

    @Test
    void berit_transfers_annas_call_to_cecilia_over_rest_and_call_transferred_is_published() throws Exception {
        SipUser anna = TestUsers.create("Anna RestTransfer");
        SipUser berit = TestUsers.create("Berit RestTransfer");
        SipUser cecilia = TestUsers.create("Cecilia RestTransfer");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        ceciliasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = integrator.events("type = 'CALL_TRANSFERRED' AND extension = '" + berit.extension() + "'");
            OutgoingCall call = annasPhone.call(berit.extension(), true);
            IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
            assertTrue(call.awaitAnswered(WAIT));
            assertTrue(atBerit.awaitAck(WAIT));

            String callId = liveCallOf(berit);
            assertEquals(404, as(cecilia).post("/api/calls/" + callId + "/transfer", "{\"to\":\"" + cecilia.extension()
                    + "\"}").status(), "someone else's call is no call at all");
            var transfer = as(berit).post("/api/calls/" + callId + "/transfer",
                    "{\"to\":\"" + cecilia.extension() + "\",\"mode\":\"DIRECT\"}");
            assertEquals(202, transfer.status(), transfer.body());
            assertTrue(atBerit.awaitBye(WAIT), "Berit is released");
            IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
            assertNotNull(atCecilia);
            assertTrue(atCecilia.awaitAck(WAIT));
            assertHears(ceciliasPhone, annasPhone, call.remoteSdp(), "Anna -> Cecilia");

            JsonObject event = event(events);
            assertEquals(cecilia.extension(), event.getString("target"));
            assertEquals("DIRECT", event.getString("mode"));
            assertEquals(200, call.hangUp());
            assertTrue(atCecilia.awaitBye(WAIT));

            // The record tells what happened: Berit's transfer in the trace, Cecilia as the one who answered.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            Rest.Answer record;
            do {
                record = Rest.admin().get("/api/calls/" + callId);
                if (record.status() != 200 || !record.json().containsKey("end")) {
                    java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
                }
            } while ((record.status() != 200 || !record.json().containsKey("end")) && System.nanoTime() < deadline);
            assertEquals(cecilia.extension(), record.json().getString("answeredBy"), record.body());
            assertTrue(record.body().contains("transferred the call"), record.body());
        }
    }

    @Test
    void cecilia_picks_up_the_call_ringing_at_berit_over_rest_on_her_own_phone() throws Exception {
        SipUser anna = TestUsers.create("Anna RestPickup");
        SipUser berit = TestUsers.create("Berit RestPickup");
        SipUser cecilia = TestUsers.create("Cecilia RestPickup");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_ONLY, null);
        ceciliasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = integrator.events("type = 'CALL_PICKED_UP' AND extension = '" + cecilia.extension() + "'");
            OutgoingCall call = annasPhone.call(berit.extension(), true);
            IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
            assertNotNull(atBerit);
            assertNotNull(call.awaitStatus(180, WAIT));
            String callId = liveCallOf(berit);

            var pickup = as(cecilia).post("/api/calls/" + callId + "/pickup", "{\"by\":\"" + cecilia.extension() + "\"}");
            assertEquals(202, pickup.status(), pickup.body());
            assertTrue(atBerit.awaitCancel(WAIT), "Berit's phone stops ringing");
            IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
            assertNotNull(atCecilia, "Cecilia's phone rings");
            assertTrue(call.awaitAnswered(WAIT));
            assertHears(ceciliasPhone, annasPhone, call.remoteSdp(), "Anna -> Cecilia");
            var again = as(cecilia).post("/api/calls/" + callId + "/pickup", "{\"by\":\"" + cecilia.extension() + "\"}");
            assertEquals(409, again.status(), "nothing rings any more: " + again.body());

            JsonObject event = event(events);
            assertEquals(berit.extension(), event.getString("ringingAt"));
            assertEquals(200, call.hangUp());
            assertTrue(atCecilia.awaitBye(WAIT));
        }
    }

    @Test
    void david_picks_up_over_jms_the_call_ringing_at_berit() throws Exception {
        SipUser anna = TestUsers.create("Anna JmsPickup");
        SipUser berit = TestUsers.create("Berit JmsPickup");
        SipUser david = TestUsers.create("David JmsPickup");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone davidsPhone = registered(david);
        beritsPhone.answerWith(Answer.RING_ONLY, null);
        davidsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit);
        assertNotNull(call.awaitStatus(180, WAIT));
        String callId = liveCallOf(berit);
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            var reply = integrator.call("{\"extension\":\"" + david.extension() + "\",\"command\":\"PICKUP\",\"callId\":\""
                    + callId + "\"}");
            assertEquals("DONE", reply.outcome(), reply.json().toString());
        }
        assertTrue(atBerit.awaitCancel(WAIT));
        assertTrue(call.awaitAnswered(WAIT));
        assertNotNull(davidsPhone.nextIncomingCall(WAIT));
        assertEquals(200, call.hangUp());
    }

    @Test
    void bad_call_control_requests_get_a_clear_error_and_place_nothing() throws Exception {
        SipUser anna = TestUsers.create("Anna BadControl");
        TestPhone annasPhone = registered(anna);
        Rest rest = as(anna);
        String calls = "/api/users/" + anna.extension() + "/calls";
        assertEquals(400, rest.post(calls, "{}").status(), "no 'to'");
        assertEquals(400, rest.post(calls, "{\"to\":\"1002\",\"ring\":true}").status(), "an unknown field");
        assertEquals(422, rest.post(calls, "{\"to\":\"not a number\"}").status(), "not a number");
        assertEquals(404, rest.post("/api/calls/no-such-call/transfer", "{\"to\":\"1002\"}").status());
        assertEquals(404, rest.post("/api/calls/no-such-call/pickup", "{\"by\":\"" + anna.extension() + "\"}").status());
        assertEquals(400, rest.post("/api/calls/no-such-call/pickup", "{\"by\":\"x\"}").status(), "'by' is an extension");
        assertEquals(403, rest.post("/api/calls/no-such-call/pickup", "{\"by\":\"99\"}").status(), "only for oneself");
        try (var integrator = new Integrator(PlusServer.jmsUrl(), PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            var missing = integrator.call("{\"extension\":\"" + anna.extension() + "\",\"command\":\"TRANSFER\",\"to\":\"1002\"}");
            assertEquals("VALIDATION", missing.json().getString("code"), missing.json().toString());
            var badId = integrator.call("{\"extension\":\"" + anna.extension() + "\",\"command\":\"PICKUP\",\"callId\":\"<script>\"}");
            assertEquals("VALIDATION", badId.json().getString("code"), badId.json().toString());
        }
        assertNull(annasPhone.nextIncomingCall(Duration.ofMillis(300)), "nothing rang");
        assertEquals("[]", rest.get(calls + "/live").body());
    }
}
