package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import se.plus.it.PlusServer;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * The test phones of one call test, registered over UDP and closed after it; and what the in-call tests
 * ask of them: who hears whom through the relay.
 */
final class CallPhones implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);

    private final List<TestPhone> phones = new ArrayList<>();

    TestPhone registered(SipUser user) throws Exception {
        var phone = new TestPhone(user.extension(), user.sipPassword(), PlusServer.sipPort(), "udp");
        phones.add(phone);
        assertEquals(200, phone.register(300));
        return phone;
    }

    /** RTP sent by one phone to the address its SDP was given reaches the other through the relay. */
    static void assertHears(TestPhone listener, TestPhone speaker, String speakersSdp, String what) throws Exception {
        long before = listener.media().received();
        speaker.media().sendTo(speakersSdp, 25);
        assertTrue(listener.media().awaitReceived(before + 20, WAIT) >= before + 20, what);
    }

    /** Keys as SIP INFO {@code application/dtmf-relay}, one request per key. */
    static void keyByInfo(PhoneCall call, String keys) throws Exception {
        for (char key : keys.toCharArray()) {
            assertEquals(200, call.info("application/dtmf-relay", "Signal=" + key + "\r\nDuration=160\r\n"));
        }
    }

    @Override
    public void close() {
        phones.forEach(TestPhone::close);
    }
}
