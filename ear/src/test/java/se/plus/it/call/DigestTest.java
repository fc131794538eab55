package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DigestTest {

    @Test
    void the_response_with_qop_auth_is_rfc_2617s_worked_example() {
        // RFC 2617 §3.5 (a GET; the computation is the same for a SIP method and Request-URI).
        assertEquals("6629fae49393a05397450978507c4ef1", Digest.response("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                "00000001", "0a4f113b", "auth"));
    }

    @Test
    void the_response_without_qop_is_the_rfc_2069_form() {
        // MD5(HA1:nonce:HA2) with the same inputs, computed independently.
        assertEquals("670fd8c2df070c60b045671b8b24ff02", Digest.response("Mufasa", "testrealm@host.com",
                "Circle Of Life", "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                null, null, null));
    }
}
