package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.plus.it.PlusServer;
import se.plus.it.call.TestPhone.Answer;
import se.plus.it.sip.TestUsers;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * Calls between people through the B2BUA (contract, SIP "Calls"), as phones see them: test phones
 * register, call each other through the server over UDP and TCP, and count the RTP that the server's
 * relay carries.
 */
@ExtendWith(ArquillianExtension.class)
class CallIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<TestPhone> phones = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @AfterEach
    void hangUpEveryPhone() {
        phones.forEach(TestPhone::close);
    }

    private TestPhone phone(SipUser user, String transport) throws Exception {
        var phone = new TestPhone(user.extension(), user.sipPassword(), PlusServer.sipPort(), transport);
        phones.add(phone);
        return phone;
    }

    private TestPhone registered(SipUser user, String transport) throws Exception {
        TestPhone phone = phone(user, transport);
        assertEquals(200, phone.register(300));
        return phone;
    }

    private TestPhone trunk() throws Exception {
        var trunk = new TestPhone("trunk", "none", PlusServer.sipPort(), "udp", "127.0.0.2", PlusServer.trunkPort());
        phones.add(trunk);
        return trunk;
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void annaCallsBeritWhoseTwoPhonesRingTheFirstToAnswerWinsAndTheOtherIsCancelledAsCompletedElsewhere(String transport)
            throws Exception {
        SipUser anna = TestUsers.create("Anna Andersson");
        SipUser berit = TestUsers.create("Berit Bengtsson");
        TestPhone annasPhone = registered(anna, transport);
        TestPhone beritsDesk = registered(berit, transport);
        TestPhone beritsSoftphone = registered(berit, transport);
        beritsDesk.answerWith(Answer.RING_ONLY, null);
        beritsSoftphone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(300));

        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atDesk = beritsDesk.nextIncomingCall(WAIT);
        IncomingCall atSoftphone = beritsSoftphone.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT), "answered: " + call.statuses());
        assertTrue(call.statuses().contains(180), "ringing relayed: " + call.statuses());
        assertNotNull(atDesk);
        assertNotNull(atSoftphone);
        assertTrue(atDesk.awaitCancel(WAIT), "the desk phone stops ringing");
        Request cancel = beritsDesk.receivedRequests().stream().filter(r -> Request.CANCEL.equals(r.getMethod()))
                .findFirst().orElseThrow();
        assertTrue(header(cancel, "Reason").contains("cause=200") && header(cancel, "Reason").contains("Call completed elsewhere"),
                header(cancel, "Reason"));
        assertTrue(atSoftphone.awaitAck(WAIT));
        // The callee sees who calls from the user record: Anna's name and extension.
        assertTrue(header(atSoftphone.invite(), "From").contains("Anna Andersson"), header(atSoftphone.invite(), "From"));
        assertTrue(header(atSoftphone.invite(), "From").contains("sip:" + anna.extension() + "@"), header(atSoftphone.invite(), "From"));

        // Anchored media: each side is given the relay, not the other phone, and packets cross it.
        assertNotEquals(beritsSoftphone.media().port(), audioPort(call.remoteSdp()));
        assertNotEquals(annasPhone.media().port(), audioPort(atSoftphone.remoteSdp()));
        annasPhone.media().sendTo(call.remoteSdp(), 25);
        beritsSoftphone.media().sendTo(atSoftphone.remoteSdp(), 25);
        assertTrue(beritsSoftphone.media().awaitReceived(20, WAIT) >= 20, "RTP Anna -> Berit");
        assertTrue(annasPhone.media().awaitReceived(20, WAIT) >= 20, "RTP Berit -> Anna");

        assertEquals(200, call.hangUp());
        assertTrue(atSoftphone.awaitBye(WAIT), "Berit's phone hears Anna hang up");
    }

    @Test
    void twoPhonesAnswerAtOnceTheLoserIsAcknowledgedAndHungUpTheWinnerKeepsTheCall() throws Exception {
        SipUser anna = TestUsers.create("Anna Race");
        SipUser berit = TestUsers.create("Berit Race");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone first = registered(berit, "udp");
        TestPhone second = registered(berit, "udp");
        first.answerWith(Answer.OK_IMMEDIATELY, null);
        second.answerWith(Answer.OK_IMMEDIATELY, null);

        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atFirst = first.nextIncomingCall(WAIT);
        IncomingCall atSecond = second.nextIncomingCall(WAIT);
        assertTrue(call.awaitAnswered(WAIT));
        boolean firstLost = atFirst.awaitBye(WAIT);
        boolean secondLost = atSecond.awaitBye(Duration.ofMillis(500));
        assertTrue(firstLost ^ secondLost, "exactly one loser is hung up: " + firstLost + "/" + secondLost);
        IncomingCall winner = firstLost ? atSecond : atFirst;
        assertTrue(winner.awaitAck(WAIT), "the winner's answer is acknowledged");
        // The loser's ACK leaves just before its BYE (B2bua.ackAndHangUp); the test phone's stack may take the
        // BYE first and then drop the ACK of the dialog it ended, so only the BYE is asserted for the loser.
        assertEquals(200, call.hangUp());
        assertTrue(winner.awaitBye(WAIT), "the winner hears the caller hang up");
    }

    @Test
    void theCallerGivesUpWhileItRingsTheCallerGets487AndTheCalleesPhoneIsCancelled() throws Exception {
        SipUser anna = TestUsers.create("Anna Cancel");
        SipUser berit = TestUsers.create("Berit Cancel");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone beritsPhone = registered(berit, "udp");
        beritsPhone.answerWith(Answer.RING_ONLY, null);

        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall ringing = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(call.awaitStatus(180, WAIT));

        assertEquals(487, call.cancel());
        assertTrue(ringing.awaitCancel(WAIT));
    }

    @Test
    void everyDeviceBusyIsBusyForTheCaller() throws Exception {
        SipUser anna = TestUsers.create("Anna Busy");
        SipUser berit = TestUsers.create("Berit Busy");
        TestPhone annasPhone = registered(anna, "udp");
        registered(berit, "udp").answerWith(Answer.BUSY_486, null);
        registered(berit, "udp").answerWith(Answer.BUSY_486, null);

        OutgoingCall call = annasPhone.call(berit.extension(), true);

        assertNotNull(call.awaitStatus(486, WAIT), "statuses: " + call.statuses());
    }

    @Test
    void oneDeviceBusyAndOneDecliningIsADecline() throws Exception {
        SipUser anna = TestUsers.create("Anna Decline");
        SipUser berit = TestUsers.create("Berit Decline");
        TestPhone annasPhone = registered(anna, "udp");
        registered(berit, "udp").answerWith(Answer.BUSY_486, null);
        registered(berit, "udp").answerWith(Answer.DECLINE_603, null);

        OutgoingCall call = annasPhone.call(berit.extension(), true);

        assertNotNull(call.awaitStatus(603, WAIT), "statuses: " + call.statuses());
    }

    @Test
    void aDelayedOfferTheAnswerInTheAckReachesTheCalleeAndMediaFlows() throws Exception {
        SipUser anna = TestUsers.create("Anna Late Offer");
        SipUser berit = TestUsers.create("Berit Late Offer");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone beritsPhone = registered(berit, "udp");
        beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(50));

        OutgoingCall call = annasPhone.call(berit.extension(), false);
        IncomingCall answered = beritsPhone.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT));
        assertNull(answered.invite().getRawContent(), "no offer in the INVITE the callee gets");
        assertTrue(answered.awaitAck(WAIT));
        assertNotNull(answered.remoteSdp(), "the caller's answer came in the ACK");
        annasPhone.media().sendTo(call.remoteSdp(), 20);
        assertTrue(beritsPhone.media().awaitReceived(15, WAIT) >= 15);
        assertEquals(200, answered.hangUp());
        assertTrue(call.awaitBye(WAIT), "the callee hung up: the caller gets BYE");
    }

    @Test
    void holdResumeAndInfoPassBetweenTheLegs() throws Exception {
        SipUser anna = TestUsers.create("Anna Hold");
        SipUser berit = TestUsers.create("Berit Hold");
        TestPhone annasPhone = registered(anna, "tcp");
        TestPhone beritsPhone = registered(berit, "tcp");
        beritsPhone.answerWith(Answer.OK_IMMEDIATELY, null);
        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall answered = beritsPhone.nextIncomingCall(WAIT);
        assertTrue(call.awaitAnswered(WAIT));
        assertTrue(answered.awaitAck(WAIT));

        assertEquals(200, call.reInvite(true));
        assertEquals(200, call.info("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        assertEquals(200, answered.reInvite(false));

        List<Request> atBerit = answered.inDialogRequests();
        assertTrue(atBerit.stream().anyMatch(r -> Request.INVITE.equals(r.getMethod()) && body(r).contains("a=sendonly")),
                "hold reached Berit: " + atBerit);
        assertTrue(atBerit.stream().anyMatch(r -> Request.INFO.equals(r.getMethod()) && body(r).contains("Signal=5")),
                "INFO reached Berit");
        assertTrue(call.inDialogRequests().stream().anyMatch(r -> Request.INVITE.equals(r.getMethod())),
                "Berit's re-INVITE reached Anna");
        assertEquals(200, call.hangUp());
    }

    @Test
    void aCallerWithMaxForwardsZeroGets483() throws Exception {
        SipUser anna = TestUsers.create("Anna Loop");
        SipUser berit = TestUsers.create("Berit Loop");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone beritsPhone = registered(berit, "udp");

        OutgoingCall call = annasPhone.call(berit.extension(), true, "Max-Forwards: 0");

        assertNotNull(call.awaitStatus(483, WAIT), "statuses: " + call.statuses());
        assertNull(beritsPhone.nextIncomingCall(Duration.ofMillis(300)));
    }

    @Test
    void anExtensionNobodyHasIs404AndAUserWithoutPhonesIs480() throws Exception {
        SipUser anna = TestUsers.create("Anna Nowhere");
        SipUser unreachable = TestUsers.create("Nobody Registered");
        TestPhone annasPhone = registered(anna, "udp");

        Response unknown = annasPhone.call("99", true).awaitStatus(404, WAIT);
        Response noDevice = annasPhone.call(unreachable.extension(), true).awaitStatus(480, WAIT);

        assertNotNull(unknown);
        assertEquals("UNKNOWN_NUMBER", unknown.getReasonPhrase());
        assertNotNull(noDevice);
        assertEquals("SERVICE_NOT_ACTIVE", noDevice.getReasonPhrase());
    }

    @Test
    void nobodyAnswersTheCallerGets480AfterTheRingTimeAndEveryPhoneStopsRinging() throws Exception {
        SipUser anna = TestUsers.create("Anna Waits");
        SipUser berit = TestUsers.create("Berit Away");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone beritsDesk = registered(berit, "udp");
        TestPhone beritsSoftphone = registered(berit, "tcp");
        beritsDesk.answerWith(Answer.RING_ONLY, null);
        beritsSoftphone.answerWith(Answer.RING_ONLY, null);

        long placed = System.nanoTime();
        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atDesk = beritsDesk.nextIncomingCall(WAIT);
        IncomingCall atSoftphone = beritsSoftphone.nextIncomingCall(WAIT);

        // The IT server rings for 10 s (plus.call.ring-timeout-seconds).
        assertNotNull(call.awaitStatus(480, Duration.ofSeconds(15)), "statuses: " + call.statuses());
        Duration rang = Duration.ofNanos(System.nanoTime() - placed);
        assertTrue(rang.compareTo(Duration.ofSeconds(10)) >= 0, "480 after the ring time, not " + rang.toMillis() + " ms");
        assertTrue(atDesk.awaitCancel(WAIT), "the desk phone stops ringing");
        assertTrue(atSoftphone.awaitCancel(WAIT), "the softphone stops ringing");
    }

    @Test
    void aCallWithoutMediaIsEndedOnBothLegsAfterTheMediaTimeout() throws Exception {
        SipUser anna = TestUsers.create("Anna Silent");
        SipUser berit = TestUsers.create("Berit Silent");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone beritsPhone = registered(berit, "udp");
        beritsPhone.answerWith(Answer.OK_IMMEDIATELY, null);
        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall answered = beritsPhone.nextIncomingCall(WAIT);
        assertTrue(call.awaitAnswered(WAIT));

        // The IT server ends a call after 10 s without a packet (plus.call.media-timeout-seconds).
        assertTrue(call.awaitBye(Duration.ofSeconds(15)), "the caller gets BYE");
        assertTrue(answered.awaitBye(WAIT), "the callee gets BYE");
    }

    @Test
    void aHiddenNumberCallShowsAnonymousWithPrivacyAndNoAssertedIdentityToThePhone() throws Exception {
        SipUser anna = TestUsers.create("Anna Hidden");
        SipUser berit = TestUsers.create("Berit Sees Nothing");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone beritsPhone = registered(berit, "udp");
        beritsPhone.answerWith(Answer.OK_IMMEDIATELY, null);

        OutgoingCall call = annasPhone.call("*31*" + berit.extension(), true,
                "P-Asserted-Identity: <sip:" + anna.extension() + "@plus.local>");
        IncomingCall answered = beritsPhone.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT));
        String from = header(answered.invite(), "From");
        assertTrue(from.contains("Anonymous") && from.contains("anonymous.invalid"), from);
        assertFalse(from.contains(anna.extension()), from);
        assertEquals("id", header(answered.invite(), "Privacy"));
        assertEquals("", header(answered.invite(), "P-Asserted-Identity"), "never towards a phone");
        call.hangUp();
    }

    @Test
    void anIdentityAPhoneAssertsIsNotBelieved() throws Exception {
        SipUser anna = TestUsers.create("Anna Honest");
        SipUser berit = TestUsers.create("Berit Reader");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone beritsPhone = registered(berit, "udp");
        beritsPhone.answerWith(Answer.OK_IMMEDIATELY, null);

        OutgoingCall call = annasPhone.call(berit.extension(), true,
                "P-Asserted-Identity: \"The CEO\" <sip:100@plus.local>", "P-Preferred-Identity: <sip:100@plus.local>");
        IncomingCall answered = beritsPhone.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT));
        String from = header(answered.invite(), "From");
        assertTrue(from.contains("Anna Honest") && from.contains("sip:" + anna.extension() + "@"), from);
        assertEquals("", header(answered.invite(), "P-Asserted-Identity"));
        assertEquals("", header(answered.invite(), "P-Preferred-Identity"));
        call.hangUp();
    }

    @Test
    void anExternalNumberGoesOutThroughTheTrunkInE164WithTheAssertedIdentityAndMediaThroughTheRelay() throws Exception {
        SipUser anna = TestUsers.create("Anna Outbound", ",\"fixedNumber\":\"08" + digits(7) + "\"");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone trunk = trunk();
        trunk.answerWith(Answer.OK_IMMEDIATELY, null);

        OutgoingCall call = annasPhone.call("0701234567", true);
        IncomingCall outside = trunk.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT), "statuses: " + call.statuses());
        assertNotNull(outside);
        assertTrue(outside.invite().getRequestURI().toString().startsWith("sip:+46701234567@127.0.0.2"),
                outside.invite().getRequestURI().toString());
        assertTrue(header(outside.invite(), "P-Asserted-Identity").contains("+468"), header(outside.invite(), "P-Asserted-Identity"));
        assertTrue(header(outside.invite(), "From").contains("+468"), "the trunk shows Anna's fixed number");
        annasPhone.media().sendTo(call.remoteSdp(), 20);
        assertTrue(trunk.media().awaitReceived(15, WAIT) >= 15);
        assertEquals(200, call.hangUp());
        assertTrue(outside.awaitBye(WAIT));
    }

    @Test
    void aHiddenExternalCallIsAnonymousButTheTrustedTrunkStillGetsTheAssertedIdentity() throws Exception {
        SipUser anna = TestUsers.create("Anna Secret", ",\"fixedNumber\":\"08" + digits(7) + "\"");
        TestPhone annasPhone = registered(anna, "udp");
        TestPhone trunk = trunk();
        trunk.answerWith(Answer.OK_IMMEDIATELY, null);

        OutgoingCall call = annasPhone.call("*31*0701234567", true);
        IncomingCall outside = trunk.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT), "statuses: " + call.statuses());
        assertTrue(header(outside.invite(), "From").contains("anonymous.invalid"), header(outside.invite(), "From"));
        assertEquals("id", header(outside.invite(), "Privacy"));
        assertTrue(header(outside.invite(), "P-Asserted-Identity").contains("+468"));
        call.hangUp();
    }

    @Test
    void aCallFromTheTrunkToAFixedNumberRingsTheUserWithoutAChallenge() throws Exception {
        String fixed = "08" + digits(7);
        SipUser berit = TestUsers.create("Berit Inbound", ",\"fixedNumber\":\"" + fixed + "\"");
        TestPhone beritsPhone = registered(berit, "udp");
        beritsPhone.answerWith(Answer.OK_IMMEDIATELY, null);
        TestPhone trunk = trunk();

        OutgoingCall call = trunk.call("sip:+46" + fixed.substring(1) + "@127.0.0.1:" + PlusServer.sipPort(), true);
        IncomingCall answered = beritsPhone.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT), "statuses: " + call.statuses());
        assertFalse(call.statuses().contains(407), "the trusted trunk is not challenged");
        assertNotNull(answered);
        assertEquals(200, call.hangUp());
    }

    @Test
    void anOutsideCallerWhoWithholdsTheNumberIsAnonymousAtThePhone() throws Exception {
        SipUser berit = TestUsers.create("Berit Gets Anonymous");
        TestPhone beritsPhone = registered(berit, "udp");
        beritsPhone.answerWith(Answer.OK_IMMEDIATELY, null);
        TestPhone trunk = trunk();

        OutgoingCall call = trunk.call("sip:" + berit.extension() + "@127.0.0.1:" + PlusServer.sipPort(), true,
                "P-Asserted-Identity: <sip:+46701112233@127.0.0.2>", "Privacy: id");
        IncomingCall answered = beritsPhone.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT), "statuses: " + call.statuses());
        String from = header(answered.invite(), "From");
        assertTrue(from.contains("anonymous.invalid") && !from.contains("701112233"), from);
        assertEquals(200, call.hangUp());
    }

    @Test
    void aStrangerCannotCallOutThroughUs() throws Exception {
        TestPhone trunk = trunk();
        var stranger = phone(new SipUser("123456", "guessed-password"), "udp");

        OutgoingCall call = stranger.call("0701234567", true);

        assertNotNull(call.awaitStatus(407, WAIT), "challenged: " + call.statuses());
        assertNull(trunk.nextIncomingCall(Duration.ofSeconds(1)), "nothing reached the trunk");
    }

    private static String header(javax.sip.message.Message message, String name) {
        Header header = message.getHeader(name);
        return header == null ? "" : header.toString().split(":", 2)[1].trim();
    }

    private static String body(Request request) {
        byte[] raw = request.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    private static int audioPort(String sdp) {
        Matcher m = Pattern.compile("m=audio (\\d+)").matcher(sdp == null ? "" : sdp);
        assertTrue(m.find(), "no audio in " + sdp);
        return Integer.parseInt(m.group(1));
    }

    private static String digits(int count) {
        var text = new StringBuilder();
        var random = java.util.concurrent.ThreadLocalRandom.current();
        text.append(random.nextInt(1, 10));
        while (text.length() < count) {
            text.append(random.nextInt(10));
        }
        return text.toString();
    }
}
