package se.plus.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load tool answers digest right the first time: a wrong answer counts against 127.0.0.1 at the server. */
class LoadDigestTest {

    @Test
    void the_request_digest_is_rfc_2617s_worked_example() {
        assertEquals("6629fae49393a05397450978507c4ef1", LoadDigest.response("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"));
    }

    @Test
    void the_md5_challenge_is_answered_when_sha_256_is_offered_beside_it() {
        String challenge = "SIP/2.0 407 Proxy Authentication Required\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-1\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Proxy-Authenticate: Digest realm=\"plus.local\",nonce=\"n-sha\",algorithm=SHA-256,qop=\"auth\"\r\n"
                + "Proxy-Authenticate: Digest realm=\"plus.local\",nonce=\"n-md5\",algorithm=MD5,qop=\"auth\"\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = challenge.getBytes(StandardCharsets.UTF_8);

        String answer = LoadDigest.answer(LoadSipMessage.parse(bytes, bytes.length, null), "INVITE",
                "sip:1002@127.0.0.1:5062", "1001", "secret-1");

        assertTrue(answer.startsWith("Proxy-Authorization: Digest username=\"1001\",realm=\"plus.local\",nonce=\"n-md5\","
                + "uri=\"sip:1002@127.0.0.1:5062\",response=\""), answer);
        assertTrue(answer.contains(",algorithm=MD5,qop=auth,nc=00000001,cnonce=\""), answer);
    }
}
