package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.message.Request;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.call.TestPhone.Answer;
import se.plus.it.sip.TestUsers;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * The B2BUA's harder call flows through the real entry point: re-INVITEs that cross (glare), UPDATE,
 * an answer that crosses the caller's CANCEL, and the longest call. The IT server's timers (ear's
 * arquillian.xml): ring 10 s, media 10 s, longest call 20 s.
 */
@ExtendWith(ArquillianExtension.class)
class CallFlowsIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** plus.call.max-duration-seconds of the IT server. */
    private static final Duration MAX_DURATION = Duration.ofSeconds(20);
    /** plus.call.media-timeout-seconds of the IT server. */
    private static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(10);

    private final List<TestPhone> phones = new ArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool();

    /** A call between two test phones, answered and ACKed. */
    private record Connected(TestPhone callerPhone, OutgoingCall caller, TestPhone calleePhone, IncomingCall callee) {
    }

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @AfterEach
    void hangUpEveryPhone() {
        background.shutdownNow();
        phones.forEach(TestPhone::close);
    }

    private TestPhone registered(SipUser user, String transport) throws Exception {
        var phone = new TestPhone(user.extension(), user.sipPassword(), PlusServer.sipPort(), transport);
        phones.add(phone);
        assertEquals(200, phone.register(300));
        return phone;
    }

    /** Anna and Berit, new users, each with one phone registered over {@code transport}. */
    private record Parties(TestPhone annasPhone, SipUser berit, TestPhone beritsPhone) {
    }

    private Parties annaAndBerit(String names, String transport) throws Exception {
        SipUser anna = TestUsers.create("Anna " + names);
        SipUser berit = TestUsers.create("Berit " + names);
        return new Parties(registered(anna, transport), berit, registered(berit, transport));
    }

    private Connected connected(String names, String transport) throws Exception {
        Parties parties = annaAndBerit(names, transport);
        TestPhone annasPhone = parties.annasPhone();
        TestPhone beritsPhone = parties.beritsPhone();
        beritsPhone.answerWith(Answer.OK_IMMEDIATELY, null);
        OutgoingCall call = annasPhone.call(parties.berit().extension(), true);
        IncomingCall answered = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(answered, "Berit's phone rings");
        assertTrue(call.awaitAnswered(WAIT), "answered: " + call.statuses());
        assertTrue(answered.awaitAck(WAIT), "the callee gets the ACK");
        return new Connected(annasPhone, call, beritsPhone, answered);
    }

    @Test
    void reInvitesFromBothSidesAtOnceGet491AndTheCallGoesOnWithALaterReInvite() throws Exception {
        Connected call = connected("Glare", "udp");
        // Each phone takes a second over a re-INVITE, so both re-INVITEs are under way at the same time
        // whichever reaches the server first.
        call.callerPhone().answerReInvitesAfter(Duration.ofSeconds(1));
        call.calleePhone().answerReInvitesAfter(Duration.ofSeconds(1));
        var together = new CyclicBarrier(2);

        Future<Integer> fromCaller = background.submit(() -> {
            together.await();
            return call.caller().reInvite(true);
        });
        Future<Integer> fromCallee = background.submit(() -> {
            together.await();
            return call.callee().reInvite(true);
        });
        int callerGot = fromCaller.get(10, TimeUnit.SECONDS);
        int calleeGot = fromCallee.get(10, TimeUnit.SECONDS);

        // RFC 3261 §14: a UA with an INVITE of its own pending on the dialog answers another one 491.
        assertTrue(callerGot == 491 || calleeGot == 491, "glare: caller " + callerGot + ", callee " + calleeGot);
        assertTrue(List.of(200, 491).containsAll(List.of(callerGot, calleeGot)), "caller " + callerGot + ", callee " + calleeGot);
        // §14.1: the UAs try again later; nothing of the glare is left at the server.
        call.callerPhone().answerReInvitesAfter(Duration.ZERO);
        call.calleePhone().answerReInvitesAfter(Duration.ZERO);
        assertEquals(200, call.caller().reInvite(false), "the caller's later re-INVITE");
        assertEquals(200, call.callee().reInvite(false), "the callee's later re-INVITE");
        assertTrue(Sdp.direction(call.caller().remoteSdp()).equals(Sdp.SENDRECV), call.caller().remoteSdp());
        call.callerPhone().media().sendTo(call.caller().remoteSdp(), 20);
        call.calleePhone().media().sendTo(call.callee().remoteSdp(), 20);
        assertTrue(call.calleePhone().media().awaitReceived(15, WAIT) >= 15, "RTP caller -> callee after the glare");
        assertTrue(call.callerPhone().media().awaitReceived(15, WAIT) >= 15, "RTP callee -> caller after the glare");
        assertEquals(200, call.caller().hangUp());
        assertTrue(call.callee().awaitBye(WAIT));
    }

    @Test
    void anUpdateHoldsTheCallItsAnswerComesBackAndTheHeldCallOutlivesTheMediaTimeout() throws Exception {
        Connected call = connected("Update", "udp");

        assertEquals(200, call.caller().update(true), "UPDATE relayed and answered");

        Request update = call.callee().inDialogRequests().stream().filter(r -> Request.UPDATE.equals(r.getMethod()))
                .findFirst().orElseThrow(() -> new AssertionError("no UPDATE reached Berit: " + call.callee().inDialogRequests()));
        String offer = body(update);
        assertEquals(Sdp.SENDONLY, Sdp.direction(offer), offer);
        assertNotEquals(call.callerPhone().media().port(), Sdp.audioAddress(offer).getPort(),
                "anchored: the callee is offered the relay, not Anna's phone");
        assertEquals(Sdp.RECVONLY, Sdp.direction(call.caller().remoteSdp()), "the callee's answer came back in the 200");
        assertNotEquals(call.calleePhone().media().port(), Sdp.audioAddress(call.caller().remoteSdp()).getPort());
        assertTrue(call.callee().inDialogRequests().stream().noneMatch(r -> Request.INVITE.equals(r.getMethod())),
                "no re-INVITE was made of it");
        // On hold, silence is normal: not a phone that vanished.
        assertFalse(call.caller().awaitBye(MEDIA_TIMEOUT.plusSeconds(3)), "a held call is not ended by the media timeout");

        assertEquals(200, call.caller().update(false), "resume");
        assertEquals(Sdp.SENDRECV, Sdp.direction(call.caller().remoteSdp()));
        call.callerPhone().media().sendTo(call.caller().remoteSdp(), 20);
        assertTrue(call.calleePhone().media().awaitReceived(15, WAIT) >= 15, "RTP flows again after the resume");
        assertEquals(200, call.callee().hangUp());
        assertTrue(call.caller().awaitBye(WAIT));
    }

    @Test
    void anAnswerThatCrossesTheCallersCancelIsAcknowledgedAndHungUpTheCallerGets487AndNothingIsLeft() throws Exception {
        // TCP: transactions end at once on a reliable transport, so the counters can reach 0 without
        // waiting out UDP's 32 s linger.
        Parties parties = annaAndBerit("Crossing", "tcp");
        TestPhone beritsPhone = parties.beritsPhone();
        beritsPhone.answerWith(Answer.OK_CROSSING_CANCEL, null);

        OutgoingCall call = parties.annasPhone().call(parties.berit().extension(), true);
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit);
        assertNotNull(call.awaitStatus(180, WAIT));

        // RFC 3261 §9.2: the server had not answered Anna when her CANCEL came, so her INVITE ends 487;
        // the 200 that crossed the server's CANCEL to Berit is ACKed, then ended with BYE (§15).
        assertEquals(487, call.cancel(), "statuses: " + call.statuses());
        assertTrue(atBerit.awaitCancel(WAIT), "the server cancelled Berit's leg");
        assertTrue(atBerit.awaitAck(WAIT), "Berit's answer is acknowledged");
        assertTrue(atBerit.awaitBye(WAIT), "and hung up");
        assertFalse(call.statuses().contains(200), "Anna was never connected: " + call.statuses());

        assertNothingLeft();
    }

    @Test
    void aCancelThatCrossesTheServersAnswerHasNoEffectTheCallerAcksAndHangsUpAndNothingIsLeft() throws Exception {
        Parties parties = annaAndBerit("Late Cancel", "tcp");
        TestPhone annasPhone = parties.annasPhone();
        TestPhone beritsPhone = parties.beritsPhone();
        beritsPhone.answerWith(Answer.OK_IMMEDIATELY, null);
        annasPhone.cancelAsAnswered();

        OutgoingCall call = annasPhone.call(parties.berit().extension(), true);
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);

        // RFC 3261 §9.2: the server had answered, so the CANCEL changes nothing: 200, or 481 once the
        // INVITE transaction ended with its 2xx (§17.2.1). §15: the caller ACKs the 2xx, then sends BYE.
        assertTrue(call.awaitAnswered(WAIT), "statuses: " + call.statuses());
        int cancelled = call.crossingCancelStatus();
        assertTrue(cancelled == 200 || cancelled == 481, "the CANCEL's answer: " + cancelled);
        assertFalse(call.statuses().contains(487), "statuses: " + call.statuses());
        assertNotNull(atBerit);
        assertTrue(atBerit.awaitAck(WAIT), "the caller's ACK reaches Berit");
        assertFalse(atBerit.awaitCancel(Duration.ofMillis(300)), "Berit's answered leg is not cancelled");
        annasPhone.media().sendTo(call.remoteSdp(), 20);
        assertTrue(beritsPhone.media().awaitReceived(15, WAIT) >= 15, "the call is up: RTP reaches Berit");
        assertEquals(200, call.hangUp());
        assertTrue(atBerit.awaitBye(WAIT));

        assertNothingLeft();
    }

    @Test
    void aCallIsEndedWithByeOnBothLegsAfterTheLongestDurationEvenWhileMediaFlows() throws Exception {
        Connected call = connected("Long Talk", "udp");
        long answered = System.nanoTime();
        // Both talk all along, so it is not the media timeout (10 s) that ends the call.
        var over = new AtomicBoolean();
        talk(call.callerPhone(), call.caller(), over);
        talk(call.calleePhone(), call.callee(), over);

        boolean callerHungUp = call.caller().awaitBye(MAX_DURATION.plusSeconds(10));
        Duration lasted = Duration.ofNanos(System.nanoTime() - answered);
        boolean calleeHungUp = call.callee().awaitBye(WAIT);
        over.set(true);

        assertTrue(callerHungUp, "the caller gets BYE");
        assertTrue(calleeHungUp, "the callee gets BYE");
        // The server's clock started at its 200, a moment before the test's; its sweep runs every second.
        assertTrue(lasted.compareTo(MAX_DURATION.minusSeconds(1)) >= 0, "ended after " + lasted.toMillis() + " ms");
        assertTrue(call.calleePhone().media().received() >= 50L * (MAX_DURATION.getSeconds() - 5),
                "media flowed the whole time: " + call.calleePhone().media().received() + " packets");
    }

    /** The server holds no call, dialog, transaction or media any more (within 75 s: UDP transactions linger). */
    private static void assertNothingLeft() throws Exception {
        Map<String, Integer> left = ServerResources.awaitAllZero(Duration.ofSeconds(75));
        assertTrue(left.values().stream().allMatch(c -> c == 0), "still held after the call ended: " + left);
    }

    /** RTP at 50 packets/s to where the other side's SDP says, until {@code over}. */
    private void talk(TestPhone phone, PhoneCall call, AtomicBoolean over) {
        String sdp = call.remoteSdp();
        background.submit(() -> {
            while (!over.get()) {
                phone.media().sendTo(sdp, 10);
            }
            return null;
        });
    }

    private static String body(Request request) {
        byte[] raw = request.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }
}
