package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two test phones calling each other directly, without the server, to show that the phone itself
 * speaks SIP correctly before it is used to judge the B2BUA.
 */
class TestPhoneTest {

    private static final Duration WAIT = Duration.ofSeconds(3);
    /** No server in these tests: a port nothing listens on. */
    private static final int NO_SERVER = 9;

    private TestPhone alice;
    private TestPhone bob;

    @AfterEach
    void hangUpThePhones() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    private void phones(String transport) throws Exception {
        alice = new TestPhone("1001", "alice-secret", NO_SERVER, transport);
        bob = new TestPhone("1002", "bob-secret", NO_SERVER, transport);
    }

    private record Answered(OutgoingCall caller, IncomingCall callee) {
    }

    /** Alice calls Bob, who answers at once; the call is ACKed. */
    private Answered answeredCall(String transport) throws Exception {
        phones(transport);
        bob.answerWith(TestPhone.Answer.OK_IMMEDIATELY, null);
        OutgoingCall caller = alice.call(bobsUri(), true);
        IncomingCall callee = bob.nextIncomingCall(WAIT);
        assertNotNull(callee);
        assertTrue(caller.awaitAnswered(WAIT) && callee.awaitAck(WAIT));
        return new Answered(caller, callee);
    }

    private String bobsUri() {
        return "sip:1002@127.0.0.1:" + bob.sipPort();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void a_call_rings_is_answered_carries_rtp_both_ways_holds_sends_info_and_the_callee_hangs_up(String transport)
            throws Exception {
        phones(transport);
        bob.answerWith(TestPhone.Answer.RING_THEN_OK, Duration.ofMillis(100));

        OutgoingCall caller = alice.call(bobsUri(), true,
                "X-Plus-Test: ring-answer", "P-Asserted-Identity: <sip:999@x>");
        IncomingCall callee = bob.nextIncomingCall(WAIT);
        assertNotNull(callee);
        assertEquals(caller.callId(), callee.callId());
        assertEquals("ring-answer", callee.invite().getHeader("X-Plus-Test").toString().split(":", 2)[1].trim());
        assertNotNull(callee.invite().getHeader("P-Asserted-Identity"));
        assertTrue(caller.awaitAnswered(WAIT));
        assertTrue(callee.awaitAck(WAIT));
        assertEquals(List.of(180, 200), caller.statuses().stream().filter(status -> status != 100).toList());
        assertTrue(caller.remoteSdp().contains("m=audio " + bob.media().port() + " "));
        assertTrue(callee.remoteSdp().contains("m=audio " + alice.media().port() + " "));

        alice.media().sendTo(caller.remoteSdp(), 10);
        bob.media().sendTo(callee.remoteSdp(), 10);
        assertEquals(10, bob.media().awaitReceived(10, WAIT));
        assertEquals(10, alice.media().awaitReceived(10, WAIT));

        assertEquals(200, caller.reInvite(true));
        Request hold = last(callee.inDialogRequests());
        assertEquals(Request.INVITE, hold.getMethod());
        assertTrue(new String(hold.getRawContent()).contains("a=sendonly"));
        assertTrue(caller.remoteSdp().contains("a=recvonly"));
        assertEquals(200, caller.reInvite(false));
        assertTrue(caller.remoteSdp().contains("a=sendrecv"));

        assertEquals(200, caller.info("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        Request info = last(callee.inDialogRequests());
        assertEquals(Request.INFO, info.getMethod());
        assertEquals("Signal=5\r\nDuration=160\r\n", new String(info.getRawContent()));

        assertEquals(200, callee.hangUp());
        assertTrue(caller.awaitBye(WAIT));
        assertEquals(Request.BYE, last(caller.inDialogRequests()).getMethod());
        assertTrue(bob.receivedRequests().stream().map(Request::getMethod).toList()
                .containsAll(List.of(Request.INVITE, Request.ACK, Request.INFO)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void a_call_cancelled_while_ringing_ends_in_487(String transport) throws Exception {
        phones(transport);
        bob.answerWith(TestPhone.Answer.RING_ONLY, null);

        OutgoingCall caller = alice.call(bobsUri(), true);
        IncomingCall callee = bob.nextIncomingCall(WAIT);
        assertNotNull(callee);
        assertNotNull(caller.awaitStatus(180, WAIT));

        assertEquals(487, caller.cancel());
        assertTrue(callee.awaitCancel(WAIT));
        assertEquals(487, last(caller.statuses()));
    }

    @Test
    void an_answer_crossing_the_cancel_stands_the_cancel_is_answered_200_and_the_call_is_acked() throws Exception {
        phones("udp");
        bob.answerWith(TestPhone.Answer.OK_CROSSING_CANCEL, null);

        OutgoingCall caller = alice.call(bobsUri(), true);
        IncomingCall callee = bob.nextIncomingCall(WAIT);
        assertNotNull(callee);
        assertNotNull(caller.awaitStatus(180, WAIT));

        assertEquals(200, caller.cancel(), "the INVITE's final answer is the 200 that crossed the CANCEL");
        assertTrue(callee.awaitCancel(WAIT));
        assertTrue(callee.awaitAck(WAIT));
        assertEquals(200, caller.hangUp());
        assertTrue(callee.awaitBye(WAIT));
    }

    @Test
    void a_cancel_crossing_the_answer_is_answered_200_and_the_call_stands() throws Exception {
        phones("udp");
        bob.answerWith(TestPhone.Answer.OK_IMMEDIATELY, null);
        alice.cancelAsAnswered();

        OutgoingCall caller = alice.call(bobsUri(), true);
        IncomingCall callee = bob.nextIncomingCall(WAIT);

        assertTrue(caller.awaitAnswered(WAIT));
        // RFC 3261 §9.2: a CANCEL after the final answer has no effect. Bob's stack answers it itself
        // (the RI's DialogFilter, for an INVITE transaction already ended); his phone is not told.
        assertEquals(200, caller.crossingCancelStatus());
        assertTrue(callee.awaitAck(WAIT));
        assertEquals(200, caller.hangUp());
        assertTrue(callee.awaitBye(WAIT));
    }

    @Test
    void an_update_carries_the_hold_offer_and_its_200_the_answer() throws Exception {
        Answered call = answeredCall("tcp");
        OutgoingCall caller = call.caller();
        IncomingCall callee = call.callee();

        assertEquals(200, caller.update(true));

        Request update = last(callee.inDialogRequests());
        assertEquals(Request.UPDATE, update.getMethod());
        assertEquals(Sdp.SENDONLY, Sdp.direction(new String(update.getRawContent())));
        assertEquals(Sdp.RECVONLY, Sdp.direction(caller.remoteSdp()));
        assertEquals(200, caller.hangUp());
    }

    @Test
    void re_invites_sent_at_once_by_slow_answering_phones_meet_491() throws Exception {
        Answered call = answeredCall("udp");
        OutgoingCall caller = call.caller();
        IncomingCall callee = call.callee();
        alice.answerReInvitesAfter(Duration.ofSeconds(1));
        bob.answerReInvitesAfter(Duration.ofSeconds(1));
        var together = new java.util.concurrent.CyclicBarrier(2);
        var other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var fromCallee = other.submit(() -> {
                together.await();
                return callee.reInvite(true);
            });
            together.await();
            int callerGot = caller.reInvite(true);
            int calleeGot = fromCallee.get(WAIT.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS);

            // The RI answers 491 itself to an INVITE that arrives while the dialog's own INVITE is pending.
            assertTrue(callerGot == 491 || calleeGot == 491, "caller " + callerGot + ", callee " + calleeGot);
        } finally {
            other.shutdownNow();
        }
        alice.answerReInvitesAfter(Duration.ZERO);
        assertEquals(200, callee.reInvite(false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void a_busy_callee_answers_486(String transport) throws Exception {
        phones(transport);
        bob.answerWith(TestPhone.Answer.BUSY_486, null);

        OutgoingCall caller = alice.call(bobsUri(), true);

        assertNotNull(caller.awaitStatus(486, WAIT));
        assertNotNull(bob.nextIncomingCall(WAIT));
        assertNull(caller.awaitStatus(200, Duration.ofMillis(100)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void with_a_delayed_offer_the_callee_offers_in_the_200_and_the_caller_answers_in_the_ack(String transport)
            throws Exception {
        phones(transport);
        bob.answerWith(TestPhone.Answer.OK_IMMEDIATELY, null);

        OutgoingCall caller = alice.call(bobsUri(), false);
        IncomingCall callee = bob.nextIncomingCall(WAIT);
        assertNotNull(callee);
        assertNull(callee.invite().getRawContent());
        assertTrue(caller.awaitAnswered(WAIT));
        assertTrue(callee.awaitAck(WAIT));
        assertTrue(caller.remoteSdp().contains("m=audio " + bob.media().port() + " "));
        assertTrue(callee.remoteSdp().contains("m=audio " + alice.media().port() + " "));

        alice.media().sendTo(caller.remoteSdp(), 5);
        bob.media().sendTo(callee.remoteSdp(), 5);
        assertEquals(5, bob.media().awaitReceived(5, WAIT));
        assertEquals(5, alice.media().awaitReceived(5, WAIT));

        assertEquals(200, caller.hangUp());
        assertTrue(callee.awaitBye(WAIT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void a_phone_on_another_loopback_address_calls_from_it_and_rtp_flows_both_ways(String transport)
            throws Exception {
        alice = new TestPhone("1001", "alice-secret", NO_SERVER, transport, "127.0.0.2");
        bob = new TestPhone("1002", "bob-secret", NO_SERVER, transport);
        bob.answerWith(TestPhone.Answer.OK_IMMEDIATELY, null);

        OutgoingCall caller = alice.call(bobsUri(), true);
        IncomingCall callee = bob.nextIncomingCall(WAIT);
        assertNotNull(callee);
        assertTrue(caller.awaitAnswered(WAIT));
        assertTrue(callee.awaitAck(WAIT));
        Request invite = callee.invite();
        assertTrue(invite.getHeader("Contact").toString().contains("sip:1001@127.0.0.2:" + alice.sipPort()));
        assertTrue(invite.getHeader("Via").toString().contains("127.0.0.2:" + alice.sipPort()));
        // The callee's stack writes the packet's source address into the top Via (RFC 3261 §18.2.1).
        assertEquals("127.0.0.2", ((ViaHeader) invite.getHeader("Via")).getReceived());
        assertTrue(callee.remoteSdp().contains("c=IN IP4 127.0.0.2\r\n"));
        assertTrue(callee.remoteSdp().contains("o=1001 1 1 IN IP4 127.0.0.2\r\n"));
        assertTrue(caller.remoteSdp().contains("c=IN IP4 127.0.0.1\r\n"));

        alice.media().sendTo(caller.remoteSdp(), 5);
        bob.media().sendTo(callee.remoteSdp(), 5);
        assertEquals(5, bob.media().awaitReceived(5, WAIT));
        assertEquals(5, alice.media().awaitReceived(5, WAIT));

        assertEquals(200, caller.hangUp());
        assertTrue(callee.awaitBye(WAIT));
    }

    @Test
    void a_call_answered_by_hand_after_ringing() throws Exception {
        phones("udp");
        bob.answerWith(TestPhone.Answer.RING_ONLY, null);

        OutgoingCall caller = alice.call(bobsUri(), true);
        IncomingCall callee = bob.nextIncomingCall(WAIT);
        assertNotNull(caller.awaitStatus(180, WAIT));
        callee.answerNow();

        assertTrue(caller.awaitAnswered(WAIT));
        assertTrue(callee.awaitAck(WAIT));
    }

    @Test
    void a_declining_callee_answers_603() throws Exception {
        phones("udp");
        bob.answerWith(TestPhone.Answer.DECLINE_603, null);

        assertNotNull(alice.call(bobsUri(), true).awaitStatus(603, WAIT));
    }

    private static <T> T last(List<T> items) {
        assertTrue(!items.isEmpty(), "nothing recorded");
        return items.get(items.size() - 1);
    }
}
