package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/** The phone against a scripted peer that challenges as the server does (MD5 and SHA-256 offered). */
class TestPhoneAuthenticationTest {

    private static final String SHA_256_CHALLENGE =
            "Digest realm=\"plus.local\", nonce=\"nonce-sha\", algorithm=SHA-256, qop=\"auth\"";
    private static final String MD5_CHALLENGE =
            "Digest realm=\"plus.local\", nonce=\"nonce-md5\", algorithm=MD5, qop=\"auth\", opaque=\"op\"";

    @Test
    void register_answers_the_401_with_the_md5_digest_and_returns_the_final_status() throws Exception {
        try (var registrar = new ChallengingPeer();
                var phone = new TestPhone("1001", "secret", registrar.port(), "udp")) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> register(phone, 300));

            ChallengingPeer.Received first = registrar.receive();
            assertEquals("REGISTER sip:127.0.0.1:" + registrar.port() + " SIP/2.0", first.firstLine());
            assertEquals("300", first.header("Expires"));
            assertTrue(first.header("Contact").contains("sip:1001@127.0.0.1:" + phone.sipPort()));
            assertTrue(first.header("Via").contains(";rport"));
            registrar.reply(first, 401, "Unauthorized",
                    "WWW-Authenticate: " + SHA_256_CHALLENGE, "WWW-Authenticate: " + MD5_CHALLENGE);

            ChallengingPeer.Received second = registrar.receive();
            assertEquals("2 REGISTER", second.header("CSeq"));
            assertEquals(first.header("Call-ID"), second.header("Call-ID"));
            assertValidMd5(second.header("Authorization"), "REGISTER", "sip:127.0.0.1:" + registrar.port());
            registrar.reply(second, 200, "OK");

            assertEquals(200, status.get(3, TimeUnit.SECONDS));
        }
    }

    @Test
    void an_invite_answers_the_407_with_a_new_invite_of_the_next_cseq_in_the_same_call() throws Exception {
        try (var server = new ChallengingPeer(); var phone = new TestPhone("1001", "secret", server.port(), "udp")) {
            OutgoingCall call = phone.call("*21*4711#", true, "P-Asserted-Identity: <sip:999@x>");

            ChallengingPeer.Received first = server.receive();
            String uri = "sip:*21*4711%23@127.0.0.1:" + server.port();
            assertEquals("INVITE " + uri + " SIP/2.0", first.firstLine());
            server.reply(first, 407, "Proxy Authentication Required",
                    "Proxy-Authenticate: " + SHA_256_CHALLENGE, "Proxy-Authenticate: " + MD5_CHALLENGE);
            assertTrue(server.receive().firstLine().startsWith("ACK "));

            ChallengingPeer.Received second = server.receive();
            assertEquals("INVITE " + uri + " SIP/2.0", second.firstLine());
            assertEquals("2 INVITE", second.header("CSeq"));
            assertEquals(first.header("Call-ID"), second.header("Call-ID"));
            assertEquals(first.header("From"), second.header("From"));
            assertEquals("<sip:999@x>", second.header("P-Asserted-Identity"));
            assertTrue(second.body().contains("m=audio " + phone.media().port() + " "));
            assertValidMd5(second.header("Proxy-Authorization"), "INVITE", uri);
            server.reply(second, 486, "Busy Here");
            assertTrue(server.receive().firstLine().startsWith("ACK "));

            assertEquals(486, call.awaitStatus(486, Duration.ofSeconds(3)).getStatusCode());
            assertEquals(List.of(407, 486), call.statuses());
            assertEquals(2, ((CSeqHeader) call.invite().getHeader(CSeqHeader.NAME)).getSeqNumber());
        }
    }

    @Test
    void options_outside_a_call_is_answered_200() throws Exception {
        try (var peer = new ChallengingPeer(); var phone = new TestPhone("1001", "secret", peer.port(), "udp")) {
            peer.send("OPTIONS sip:1001@127.0.0.1:" + phone.sipPort() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.port() + ";branch=z9hG4bK-options-1\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:peer@127.0.0.1>;tag=p1\r\n"
                    + "To: <sip:1001@127.0.0.1>\r\n"
                    + "Call-ID: options-1@127.0.0.1\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n", new InetSocketAddress("127.0.0.1", phone.sipPort()));

            assertTrue(peer.receive().firstLine().startsWith("SIP/2.0 200"));
            assertEquals(Request.OPTIONS, phone.receivedRequests().get(0).getMethod());
        }
    }

    private static void assertValidMd5(String authorization, String method, String uri) {
        assertTrue(authorization.startsWith("Digest "), authorization);
        assertEquals("1001", ChallengingPeer.param(authorization, "username"));
        assertEquals("plus.local", ChallengingPeer.param(authorization, "realm"));
        assertEquals("nonce-md5", ChallengingPeer.param(authorization, "nonce"));
        assertEquals(uri, ChallengingPeer.param(authorization, "uri"));
        assertEquals("MD5", ChallengingPeer.param(authorization, "algorithm"));
        assertEquals("auth", ChallengingPeer.param(authorization, "qop"));
        assertEquals("00000001", ChallengingPeer.param(authorization, "nc"));
        assertEquals("op", ChallengingPeer.param(authorization, "opaque"));
        String cnonce = ChallengingPeer.param(authorization, "cnonce");
        assertEquals(Digest.response("1001", "plus.local", "secret", method, uri, "nonce-md5", "00000001",
                cnonce, "auth"), ChallengingPeer.param(authorization, "response"));
    }

    private static int register(TestPhone phone, int expires) {
        try {
            return phone.register(expires);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
