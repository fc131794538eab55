package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sip.message.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static se.plus.it.call.CallPhones.assertHears;
import static se.plus.it.call.CallPhones.keyByInfo;

import se.plus.it.PlusServer;
import se.plus.it.call.TestPhone.Answer;
import se.plus.it.sip.TestUsers;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * The in-call services through real SIP (contract: "In-call codes", "Pickup"): test phones call each
 * other through the server, key codes as SIP INFO or RFC 4733 telephone-events in their RTP, and check
 * after each change who hears whom through the server's relay.
 */
@ExtendWith(ArquillianExtension.class)
class InCallIT {

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

    /** Every call ended: no call, no media session, no relay port left (the stack's own timers may linger). */
    private static void assertNoCallLeftBehind() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
        java.util.Map<String, Integer> counts;
        do {
            counts = ServerResources.now();
            if (counts.get("sipCalls") == 0 && counts.get("mediaSessions") == 0
                    && counts.get("mediaPorts") == 0) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        } while (System.nanoTime() < deadline);
        throw new AssertionError("left behind: " + counts);
    }

    /** A call placed and answered, seen from both phones. */
    private record Answered(OutgoingCall call, IncomingCall atCallee) {
    }

    /** {@code caller} calls {@code callee}, whose phone answers; the server has both the answer and the ACK. */
    private static Answered answered(TestPhone caller, TestPhone calleesPhone, SipUser callee) throws Exception {
        OutgoingCall call = caller.call(callee.extension(), true);
        IncomingCall atCallee = calleesPhone.nextIncomingCall(WAIT);
        assertTrue(call.awaitAnswered(WAIT));
        assertTrue(atCallee.awaitAck(WAIT));
        return new Answered(call, atCallee);
    }

    /** Until the call has its final answer (a 2xx or a refusal). */
    private static void awaitFinal(OutgoingCall call) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (call.statuses().stream().noneMatch(status -> status >= 200 && status != 401 && status != 407)
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    void cecilia_dials_star80_berit_and_takes_annas_call_ringing_there() throws Exception {
        SipUser anna = TestUsers.create("Anna Pickup");
        SipUser berit = TestUsers.create("Berit Pickup");
        SipUser cecilia = TestUsers.create("Cecilia Pickup");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_ONLY, null);

        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit);
        assertNotNull(call.awaitStatus(Response.RINGING, WAIT), "it rings at Berit");

        OutgoingCall pickup = ceciliasPhone.call("*80*" + berit.extension(), true);
        assertTrue(pickup.awaitAnswered(WAIT), "Cecilia has the call: " + pickup.statuses());
        assertTrue(call.awaitAnswered(WAIT), "Anna is answered: " + call.statuses());
        assertTrue(atBerit.awaitCancel(WAIT), "Berit's phone stops ringing");

        assertHears(ceciliasPhone, annasPhone, call.remoteSdp(), "Anna -> Cecilia");
        assertHears(annasPhone, ceciliasPhone, pickup.remoteSdp(), "Cecilia -> Anna");
        assertEquals(200, pickup.hangUp());
        assertTrue(call.awaitBye(WAIT), "Anna hears Cecilia hang up");
    }

    @Test
    void a_blf_key_sends_invite_with_replaces_early_only_and_takes_the_ringing_call() throws Exception {
        SipUser anna = TestUsers.create("Anna Blf");
        SipUser berit = TestUsers.create("Berit Blf");
        SipUser cecilia = TestUsers.create("Cecilia Blf");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_ONLY, null);
        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit);
        assertNotNull(call.awaitStatus(Response.RINGING, WAIT));
        String fromTag = ((javax.sip.header.FromHeader) atBerit.invite().getHeader("From")).getTag();
        String legCallId = ((javax.sip.header.CallIdHeader) atBerit.invite().getHeader("Call-ID")).getCallId();

        OutgoingCall pickup = ceciliasPhone.call(berit.extension(), true,
                "Replaces: " + legCallId + ";to-tag=unknown;from-tag=" + fromTag + ";early-only");
        assertTrue(pickup.awaitAnswered(WAIT), pickup.statuses().toString());
        assertTrue(call.awaitAnswered(WAIT));
        assertTrue(atBerit.awaitCancel(WAIT));
        assertHears(ceciliasPhone, annasPhone, call.remoteSdp(), "Anna -> Cecilia");
        assertEquals(200, call.hangUp());
        assertTrue(pickup.awaitBye(WAIT));
    }

    @Test
    void two_pickers_at_once_exactly_one_wins_every_time() throws Exception {
        SipUser anna = TestUsers.create("Anna Race");
        SipUser berit = TestUsers.create("Berit Race");
        SipUser cecilia = TestUsers.create("Cecilia Race");
        SipUser david = TestUsers.create("David Race");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        TestPhone davidsPhone = registered(david);
        beritsPhone.answerWith(Answer.RING_ONLY, null);
        for (int round = 0; round < 100; round++) {
            OutgoingCall call = annasPhone.call(berit.extension(), true);
            assertNotNull(beritsPhone.nextIncomingCall(WAIT));
            assertNotNull(call.awaitStatus(Response.RINGING, WAIT));
            OutgoingCall byCecilia = ceciliasPhone.call("*80*" + berit.extension(), true);
            OutgoingCall byDavid = davidsPhone.call("*80*" + berit.extension(), true);
            awaitFinal(byCecilia);
            awaitFinal(byDavid);
            boolean cecilaWon = byCecilia.statuses().contains(200);
            boolean davidWon = byDavid.statuses().contains(200);
            assertTrue(cecilaWon ^ davidWon, "round " + round + ": exactly one picker wins: " + byCecilia.statuses() + " / "
                    + byDavid.statuses());
            OutgoingCall loser = cecilaWon ? byDavid : byCecilia;
            assertNotNull(loser.awaitStatus(Response.TEMPORARILY_UNAVAILABLE, WAIT),
                    "the other is refused SERVICE_NOT_ACTIVE: " + loser.statuses());
            assertTrue(call.awaitAnswered(WAIT));
            assertEquals(200, call.hangUp());
            assertTrue((cecilaWon ? byCecilia : byDavid).awaitBye(WAIT));
        }
        assertNoCallLeftBehind();
    }

    @Test
    void a_pickup_with_a_forged_handover_pass_is_refused_403_and_the_call_rings_on() throws Exception {
        SipUser anna = TestUsers.create("Anna Forged");
        SipUser berit = TestUsers.create("Berit Forged");
        SipUser cecilia = TestUsers.create("Cecilia Forged");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_ONLY, null);
        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit);
        assertNotNull(call.awaitStatus(Response.RINGING, WAIT));

        // The header a node of a cluster adds when it hands a pickup on; from a phone it vouches for nobody.
        OutgoingCall forged = ceciliasPhone.call("*80*" + berit.extension(), true,
                "Plus-Handover: 0123456789abcdef0123456789abcdef");
        assertNotNull(forged.awaitStatus(Response.FORBIDDEN, WAIT), forged.statuses().toString());
        assertFalse(atBerit.awaitCancel(java.time.Duration.ofMillis(500)), "Berit's phone rings on");

        OutgoingCall pickup = ceciliasPhone.call("*80*" + berit.extension(), true);
        assertTrue(pickup.awaitAnswered(WAIT), "with her digest Cecilia picks up: " + pickup.statuses());
        assertTrue(call.awaitAnswered(WAIT));
        assertEquals(200, pickup.hangUp());
        assertTrue(call.awaitBye(WAIT));
    }

    @Test
    void star80_with_nothing_ringing_is_refused_service_not_active() throws Exception {
        SipUser berit = TestUsers.create("Berit Quiet");
        SipUser cecilia = TestUsers.create("Cecilia Quiet");
        registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        OutgoingCall pickup = ceciliasPhone.call("*80*" + berit.extension(), true);
        assertNotNull(pickup.awaitStatus(Response.TEMPORARILY_UNAVAILABLE, WAIT), pickup.statuses().toString());
    }

    /** Keys as the phone sends them: SIP INFO (one per key) or RFC 4733 events in its RTP. */
    private static void key(TestPhone phone, IncomingCall call, String via, String keys) throws Exception {
        if ("INFO".equals(via)) {
            keyByInfo(call, keys);
        } else {
            phone.media().sendKeys(call.remoteSdp(), keys);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INFO", "RTP"})
    void berit_keys_hash_cecilia_hash_in_direct_mode_and_anna_is_put_through_to_cecilia(String via) throws Exception {
        SipUser anna = TestUsers.create("Anna Direct");
        SipUser berit = TestUsers.create("Berit Direct", ",\"transferMode\":\"DIRECT\"");
        SipUser cecilia = TestUsers.create("Cecilia Direct");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        ceciliasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(300));

        Answered answered = answered(annasPhone, beritsPhone, berit);
        OutgoingCall call = answered.call();
        IncomingCall atBerit = answered.atCallee();

        key(beritsPhone, atBerit, via, "#" + cecilia.extension() + "#");
        assertTrue(atBerit.awaitBye(WAIT), "Berit is released");
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
        assertNotNull(atCecilia, "Cecilia's phone rings");
        assertTrue(atCecilia.awaitAck(WAIT), "Cecilia answered and the server acknowledged");
        assertHears(ceciliasPhone, annasPhone, call.remoteSdp(), "Anna -> Cecilia");
        assertHears(annasPhone, ceciliasPhone, atCecilia.remoteSdp(), "Cecilia -> Anna");
        assertEquals(200, call.hangUp());
        assertTrue(atCecilia.awaitBye(WAIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"INFO", "RTP"})
    void berit_whose_transfer_mode_is_none_keys_hash_cecilia_hash_hears_the_error_tone_and_the_call_goes_on(String via)
            throws Exception {
        SipUser anna = TestUsers.create("Anna None");
        SipUser berit = TestUsers.create("Berit None", ",\"transferMode\":\"NONE\"");
        SipUser cecilia = TestUsers.create("Cecilia None");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));

        Answered answered = answered(annasPhone, beritsPhone, berit);
        OutgoingCall call = answered.call();
        IncomingCall atBerit = answered.atCallee();
        long beritBefore = beritsPhone.media().received();
        key(beritsPhone, atBerit, via, "#" + cecilia.extension() + "#");
        assertTrue(beritsPhone.media().awaitReceived(beritBefore + 20, WAIT) >= beritBefore + 20, "Berit hears the error tone");
        assertNull(ceciliasPhone.nextIncomingCall(Duration.ofMillis(300)), "nothing rings at Cecilia");
        assertHears(annasPhone, beritsPhone, atBerit.remoteSdp(), "the call goes on");
        assertEquals(200, call.hangUp());
    }

    @ParameterizedTest
    @ValueSource(strings = {"INFO", "RTP"})
    void berit_keys_hash_cecilia_hash_announces_the_call_and_hanging_up_completes_the_transfer(String via) throws Exception {
        SipUser anna = TestUsers.create("Anna Announced");
        SipUser berit = TestUsers.create("Berit Announced");
        SipUser cecilia = TestUsers.create("Cecilia Announced");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        ceciliasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(300));

        Answered answered = answered(annasPhone, beritsPhone, berit);
        OutgoingCall call = answered.call();
        IncomingCall atBerit = answered.atCallee();

        long annaBefore = annasPhone.media().received();
        key(beritsPhone, atBerit, via, "#" + cecilia.extension() + "#");
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
        assertNotNull(atCecilia, "Cecilia's phone rings");
        assertTrue(atCecilia.invite().getHeader("From").toString().contains(berit.extension()), "Berit calls Cecilia");
        assertTrue(atCecilia.awaitAck(WAIT));
        assertTrue(annasPhone.media().awaitReceived(annaBefore + 25, WAIT) >= annaBefore + 25, "Anna hears the hold tone");
        assertHears(ceciliasPhone, beritsPhone, atBerit.remoteSdp(), "Berit -> Cecilia while Anna waits");
        assertHears(beritsPhone, ceciliasPhone, atCecilia.remoteSdp(), "Cecilia -> Berit");

        assertEquals(200, atBerit.hangUp());
        assertHears(ceciliasPhone, annasPhone, call.remoteSdp(), "Anna -> Cecilia after the transfer");
        assertHears(annasPhone, ceciliasPhone, atCecilia.remoteSdp(), "Cecilia -> Anna after the transfer");
        assertEquals(200, atCecilia.hangUp());
        assertTrue(call.awaitBye(WAIT), "Anna hears Cecilia hang up");
        assertNoCallLeftBehind();
    }

    @ParameterizedTest
    @ValueSource(strings = {"INFO", "RTP"})
    void star_takes_the_call_back_from_an_announced_transfer(String via) throws Exception {
        SipUser anna = TestUsers.create("Anna Back");
        SipUser berit = TestUsers.create("Berit Back");
        SipUser cecilia = TestUsers.create("Cecilia Back");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        ceciliasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));

        Answered answered = answered(annasPhone, beritsPhone, berit);
        OutgoingCall call = answered.call();
        IncomingCall atBerit = answered.atCallee();
        keyByInfo(atBerit, "#" + cecilia.extension() + "#");
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
        assertNotNull(atCecilia);
        assertTrue(atCecilia.awaitAck(WAIT));

        key(beritsPhone, atBerit, via, "*");
        assertTrue(atCecilia.awaitBye(WAIT), "Cecilia is dropped");
        assertHears(beritsPhone, annasPhone, call.remoteSdp(), "Anna -> Berit again");
        assertHears(annasPhone, beritsPhone, atBerit.remoteSdp(), "Berit -> Anna again");
        assertEquals(200, call.hangUp());
        assertTrue(atBerit.awaitBye(WAIT));
    }

    @Test
    void anna_who_placed_the_call_cannot_transfer_it_and_the_call_goes_on() throws Exception {
        SipUser anna = TestUsers.create("Anna Outgoing", ",\"transferMode\":\"DIRECT\"");
        SipUser berit = TestUsers.create("Berit Outgoing");
        SipUser cecilia = TestUsers.create("Cecilia Outgoing");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));

        Answered answered = answered(annasPhone, beritsPhone, berit);
        OutgoingCall call = answered.call();
        IncomingCall atBerit = answered.atCallee();
        long annaBefore = annasPhone.media().received();
        keyByInfo(call, "#" + cecilia.extension() + "#");
        assertTrue(annasPhone.media().awaitReceived(annaBefore + 20, WAIT) >= annaBefore + 20, "Anna hears the error tone");
        assertNull(ceciliasPhone.nextIncomingCall(Duration.ofMillis(500)), "nothing rings at Cecilia");
        assertHears(beritsPhone, annasPhone, call.remoteSdp(), "the call goes on");
        assertFalse(atBerit.awaitBye(Duration.ofMillis(100)));
        assertEquals(200, call.hangUp());
    }

    /** The NOTIFYs of a REFER the phone received in that call's dialog, their sipfrag bodies in order. */
    private static List<String> referNotifies(TestPhone phone, PhoneCall call) {
        List<String> bodies = new ArrayList<>();
        for (javax.sip.message.Request request : phone.receivedRequests()) {
            if ("NOTIFY".equals(request.getMethod()) && request.getRawContent() != null
                    && call.callId().equals(((javax.sip.header.CallIdHeader) request.getHeader("Call-ID")).getCallId())) {
                bodies.add(new String(request.getRawContent(), java.nio.charset.StandardCharsets.UTF_8).trim());
            }
        }
        return bodies;
    }

    @Test
    void beritss_softphone_refers_annas_call_to_cecilia_blind_and_is_told_it_worked() throws Exception {
        SipUser anna = TestUsers.create("Anna Refer");
        SipUser berit = TestUsers.create("Berit Refer");
        SipUser cecilia = TestUsers.create("Cecilia Refer");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        ceciliasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));

        Answered answered = answered(annasPhone, beritsPhone, berit);
        OutgoingCall call = answered.call();
        IncomingCall atBerit = answered.atCallee();
        assertEquals(202, atBerit.refer("<sip:" + cecilia.extension() + "@plus.local>"));
        assertTrue(atBerit.awaitBye(WAIT), "Berit is released");
        List<String> notifies = referNotifies(beritsPhone, atBerit);
        assertTrue(notifies.size() >= 2 && notifies.get(0).startsWith("SIP/2.0 100")
                && notifies.get(notifies.size() - 1).startsWith("SIP/2.0 200"), notifies.toString());
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
        assertNotNull(atCecilia);
        assertTrue(atCecilia.awaitAck(WAIT));
        assertHears(ceciliasPhone, annasPhone, call.remoteSdp(), "Anna -> Cecilia");
        assertHears(annasPhone, ceciliasPhone, atCecilia.remoteSdp(), "Cecilia -> Anna");
        assertEquals(200, call.hangUp());
        assertTrue(atCecilia.awaitBye(WAIT));
    }

    @Test
    void berit_consults_cecilia_on_a_second_call_then_refers_anna_with_replaces_and_they_talk() throws Exception {
        SipUser anna = TestUsers.create("Anna Attended");
        SipUser berit = TestUsers.create("Berit Attended");
        SipUser cecilia = TestUsers.create("Cecilia Attended");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        TestPhone ceciliasPhone = registered(cecilia);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
        ceciliasPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));

        Answered answered = answered(annasPhone, beritsPhone, berit);
        OutgoingCall call = answered.call();
        IncomingCall atBerit = answered.atCallee();
        OutgoingCall consultation = beritsPhone.call(cecilia.extension(), true);
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
        assertTrue(consultation.awaitAnswered(WAIT));
        assertTrue(atCecilia.awaitAck(WAIT));

        Response ok = consultation.awaitStatus(200, WAIT);
        String fromTag = ((javax.sip.header.FromHeader) consultation.invite().getHeader("From")).getTag();
        String toTag = ((javax.sip.header.ToHeader) ok.getHeader("To")).getTag();
        String replaces = java.net.URLEncoder.encode(consultation.callId() + ";to-tag=" + toTag + ";from-tag=" + fromTag,
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(202, atBerit.refer("<sip:" + cecilia.extension() + "@plus.local?Replaces=" + replaces + ">"));
        assertTrue(atBerit.awaitBye(WAIT), "Berit leaves Anna's call");
        assertTrue(consultation.awaitBye(WAIT), "and her call to Cecilia");
        assertHears(ceciliasPhone, annasPhone, call.remoteSdp(), "Anna -> Cecilia");
        assertHears(annasPhone, ceciliasPhone, atCecilia.remoteSdp(), "Cecilia -> Anna");
        assertEquals(200, call.hangUp());
        assertTrue(atCecilia.awaitBye(WAIT), "Cecilia hears Anna hang up");
        assertNoCallLeftBehind();
    }

    @Test
    void berit_keys_star59_cecilia_and_anna_leaves_a_message_in_ceciliass_voicemail() throws Exception {
        SipUser anna = TestUsers.create("Anna Deflect");
        SipUser berit = TestUsers.create("Berit Deflect");
        SipUser cecilia = TestUsers.create("Cecilia Deflect");
        TestPhone annasPhone = registered(anna);
        TestPhone beritsPhone = registered(berit);
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));

        Answered answered = answered(annasPhone, beritsPhone, berit);
        OutgoingCall call = answered.call();
        IncomingCall atBerit = answered.atCallee();
        long annaBefore = annasPhone.media().received();
        keyByInfo(atBerit, "*59*" + cecilia.extension() + "#");
        assertTrue(atBerit.awaitBye(WAIT), "Berit is released");
        // The greeting is 0.8 s (40 packets); what Anna says after it is the message (at least a second is kept).
        assertTrue(annasPhone.media().awaitReceived(annaBefore + 40, WAIT) >= annaBefore + 40, "Anna hears the greeting");
        annasPhone.media().sendTo(call.remoteSdp(), 75);
        assertEquals(200, call.hangUp());

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonArray messages;
        do {
            var list = TestUsers.get("/api/users/" + cecilia.extension() + "/voicemail");
            assertEquals(200, list.statusCode(), list.body());
            messages = Json.createReader(new StringReader(list.body())).readArray();
            if (messages.isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        } while (messages.isEmpty() && System.nanoTime() < deadline);
        assertEquals(1, messages.size(), "one message for Cecilia");
    }
}
