package se.plus.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;

/** Malformed or unexpected messages get 400/405/501 or nothing, and the listener keeps serving. */
@ExtendWith(ArquillianExtension.class)
class SipRobustnessIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void aRequestWithABrokenHeaderGets400AndTheListenerLives() throws Exception {
        String answer = RawSip.exchange("127.0.0.1", PlusServer.sipPort(), 2000,
                port -> request("INVITE", "sip:*21*1234%23@127.0.0.1", port, "CSeq: one INVITE\r\n"));

        assertTrue(answer == null || answer.startsWith("SIP/2.0 400"), String.valueOf(answer));
        assertEquals("SIP/2.0 200 OK", RawSip.options("127.0.0.1", PlusServer.sipPort(), 3000));
    }

    @Test
    void garbageIsDroppedAndTheListenerLives() throws Exception {
        String answer = RawSip.exchange("127.0.0.1", PlusServer.sipPort(), 1000, port -> "\u0001\u0002 hello \r\n\r\n");

        assertEquals(null, answer);
        assertEquals("SIP/2.0 200 OK", RawSip.options("127.0.0.1", PlusServer.sipPort(), 3000));
    }

    @Test
    void aDeeplyNestedHeaderDoesNotKillTheListener() throws Exception {
        String nested = "(".repeat(3000) + ")".repeat(3000);
        for (String header : new String[] {"User-Agent: a " + nested, "Subject: " + nested, "Contact: <sip:a@b>;p=" + "<".repeat(6000)}) {
            RawSip.exchange("127.0.0.1", PlusServer.sipPort(), 500,
                    port -> request("OPTIONS", "sip:100@127.0.0.1", port, header + "\r\nCSeq: 1 OPTIONS\r\n"));
        }

        assertEquals("SIP/2.0 200 OK", RawSip.options("127.0.0.1", PlusServer.sipPort(), 3000));
    }

    @Test
    void anUnknownMethodGets501AKnownOneWeDoNotServe405AndAnEventPackageWeDoNotServe489() throws Exception {
        String unknown = RawSip.exchange("127.0.0.1", PlusServer.sipPort(), 2000,
                port -> request("FROBNICATE", "sip:100@127.0.0.1", port, "CSeq: 1 FROBNICATE\r\n"));
        String publish = RawSip.exchange("127.0.0.1", PlusServer.sipPort(), 2000,
                port -> request("PUBLISH", "sip:100@127.0.0.1", port, "CSeq: 1 PUBLISH\r\nEvent: presence\r\n"));
        String subscribe = RawSip.exchange("127.0.0.1", PlusServer.sipPort(), 2000,
                port -> request("SUBSCRIBE", "sip:100@127.0.0.1", port, "CSeq: 1 SUBSCRIBE\r\nEvent: presence\r\n"));

        assertTrue(String.valueOf(unknown).startsWith("SIP/2.0 501"), String.valueOf(unknown));
        assertTrue(String.valueOf(publish).startsWith("SIP/2.0 405"), String.valueOf(publish));
        assertTrue(publish.contains("Allow:"), publish);
        assertTrue(String.valueOf(subscribe).startsWith("SIP/2.0 489"), String.valueOf(subscribe));
        assertTrue(subscribe.contains("Allow-Events: message-summary"), subscribe);
    }

    @Test
    void anInviteWithoutCredentialsIsChallengedWithMd5AndSha256() throws Exception {
        String answer = RawSip.exchange("127.0.0.1", PlusServer.sipPort(), 2000,
                port -> request("INVITE", "sip:*21*1234%23@127.0.0.1", port,
                        "CSeq: 1 INVITE\r\nContact: <sip:it@127.0.0.1:" + port + ">\r\n"));

        assertTrue(String.valueOf(answer).startsWith("SIP/2.0 407"), String.valueOf(answer));
        assertTrue(answer.contains("Proxy-Authenticate: Digest"), answer);
        int md5 = answer.indexOf("algorithm=MD5");
        int sha256 = answer.indexOf("algorithm=SHA-256");
        assertTrue(md5 > 0 && sha256 > md5, "both offered, MD5 first by default: " + answer);
    }

    private static String request(String method, String uri, int localPort, String extraHeaders) {
        String id = UUID.randomUUID().toString();
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + id + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:it@127.0.0.1>;tag=" + id.substring(0, 8) + "\r\n"
                + "To: <sip:100@127.0.0.1>\r\n"
                + "Call-ID: " + id + "\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
    }
}
