package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.call.TestPhone.Answer;
import se.plus.it.sip.TestUsers;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * Every way a call can end releases everything it held: after a thousand calls answered and hung up by
 * either side, cancelled, refused busy or declined, refused for no device, refused for an unknown
 * number, and a callee that vanished, the server holds no call, no dialog, no transaction, no media
 * session and no RTP port ({@code GET /api/calls/resources}).
 */
@ExtendWith(ArquillianExtension.class)
class CallCleanupIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int WORKERS = 4;
    private static final int CALLS_PER_WORKER = 300;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    enum Ending { CALLER_HANGS_UP, CALLEE_HANGS_UP, CALLER_CANCELS, BUSY, DECLINED, NO_DEVICE, UNKNOWN_NUMBER }

    @Test
    void aThousandCallsOfEveryEndingLeaveNothingBehind() throws Exception {
        Map<Ending, AtomicInteger> done = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<TestPhone> phones = new ArrayList<>();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                Worker worker = new Worker(w, phones);
                work.add(pool.submit(() -> {
                    worker.run(done);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            int total = done.values().stream().mapToInt(AtomicInteger::get).sum();
            assertEquals(WORKERS * CALLS_PER_WORKER, total, "calls that ended as expected: " + done);
            vanishingCallee(phones);
        } finally {
            pool.shutdownNow();
            synchronized (phones) {
                phones.forEach(TestPhone::close);
            }
        }

        Map<String, Integer> left = ServerResources.awaitAllZero(Duration.ofSeconds(75));
        for (var entry : left.entrySet()) {
            assertEquals(0, entry.getValue(), entry.getKey() + " still held after every call ended: " + left);
        }
    }

    /** A callee answers and then disappears: the media timeout ends the call, the caller gets BYE. */
    private void vanishingCallee(List<TestPhone> phones) throws Exception {
        SipUser anna = TestUsers.create("Cleanup Caller");
        SipUser berit = TestUsers.create("Cleanup Vanishing");
        TestPhone caller = add(phones, new TestPhone(anna.extension(), anna.sipPassword(), PlusServer.sipPort(), "udp"));
        TestPhone callee = add(phones, new TestPhone(berit.extension(), berit.sipPassword(), PlusServer.sipPort(), "udp"));
        assertEquals(200, caller.register(300));
        assertEquals(200, callee.register(300));
        callee.answerWith(Answer.OK_IMMEDIATELY, null);
        OutgoingCall call = caller.call(berit.extension(), true);
        assertTrue(call.awaitAnswered(WAIT));
        Map<String, Integer> during = ServerResources.now();
        assertTrue(during.get("liveCalls") >= 1 && during.get("sipDialogs") >= 2 && during.get("mediaPorts") >= 4,
                "a call in progress is counted: " + during);
        callee.close();
        assertTrue(call.awaitBye(Duration.ofSeconds(15)), "the caller is told the call ended");
    }

    private static TestPhone add(List<TestPhone> phones, TestPhone phone) {
        synchronized (phones) {
            phones.add(phone);
        }
        return phone;
    }

    /** One caller and one callee user per way a callee can answer, calling round the endings. */
    private static final class Worker {
        private final TestPhone caller;
        private final Map<Answer, SipUser> callees = new TreeMap<>();
        private final Map<Answer, TestPhone> calleePhones = new TreeMap<>();
        private final SipUser unregistered;

        Worker(int index, List<TestPhone> phones) throws Exception {
            SipUser me = TestUsers.create("Cleanup " + index);
            caller = add(phones, new TestPhone(me.extension(), me.sipPassword(), PlusServer.sipPort(), index % 2 == 0 ? "udp" : "tcp"));
            assertEquals(200, caller.register(300));
            for (Answer answer : List.of(Answer.OK_IMMEDIATELY, Answer.RING_ONLY, Answer.BUSY_486, Answer.DECLINE_603)) {
                SipUser callee = TestUsers.create("Cleanup " + index + " " + answer);
                TestPhone phone = add(phones, new TestPhone(callee.extension(), callee.sipPassword(), PlusServer.sipPort(), "udp"));
                assertEquals(200, phone.register(300));
                phone.answerWith(answer, null);
                callees.put(answer, callee);
                calleePhones.put(answer, phone);
            }
            unregistered = TestUsers.create("Cleanup " + index + " nowhere");
        }

        void run(Map<Ending, AtomicInteger> done) throws Exception {
            Ending[] endings = Ending.values();
            for (int i = 0; i < CALLS_PER_WORKER; i++) {
                Ending ending = endings[i % endings.length];
                if (call(ending)) {
                    done.computeIfAbsent(ending, e -> new AtomicInteger()).incrementAndGet();
                }
            }
        }

        private boolean call(Ending ending) throws Exception {
            switch (ending) {
                case CALLER_HANGS_UP, CALLEE_HANGS_UP -> {
                    OutgoingCall call = caller.call(callees.get(Answer.OK_IMMEDIATELY).extension(), true);
                    IncomingCall answered = calleePhones.get(Answer.OK_IMMEDIATELY).nextIncomingCall(WAIT);
                    if (!call.awaitAnswered(WAIT) || answered == null || !answered.awaitAck(WAIT)) {
                        return false;
                    }
                    if (ending == Ending.CALLER_HANGS_UP) {
                        return call.hangUp() == 200 && answered.awaitBye(WAIT);
                    }
                    return answered.hangUp() == 200 && call.awaitBye(WAIT);
                }
                case CALLER_CANCELS -> {
                    OutgoingCall call = caller.call(callees.get(Answer.RING_ONLY).extension(), true);
                    IncomingCall ringing = calleePhones.get(Answer.RING_ONLY).nextIncomingCall(WAIT);
                    return call.awaitStatus(180, WAIT) != null && call.cancel() == 487
                            && ringing != null && ringing.awaitCancel(WAIT);
                }
                case BUSY -> {
                    return caller.call(callees.get(Answer.BUSY_486).extension(), true).awaitStatus(486, WAIT) != null;
                }
                case DECLINED -> {
                    return caller.call(callees.get(Answer.DECLINE_603).extension(), false).awaitStatus(603, WAIT) != null;
                }
                case NO_DEVICE -> {
                    return caller.call(unregistered.extension(), true).awaitStatus(480, WAIT) != null;
                }
                case UNKNOWN_NUMBER -> {
                    return caller.call("98", true).awaitStatus(404, WAIT) != null;
                }
                default -> throw new IllegalStateException(ending.name());
            }
        }
    }
}
