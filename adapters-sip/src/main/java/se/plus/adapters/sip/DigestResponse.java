package se.plus.adapters.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The {@code Authorization} / {@code Proxy-Authorization} a phone answered a challenge with, and the
 * check of its {@code response} against a stored HA1 (RFC 7616 §3.4.1; RFC 2617 without qop for old
 * phones).
 */
record DigestResponse(String username, String realm, String nonce, String uri, String response,
                      DigestAlgorithm algorithm, String qop, long nonceCount, String cnonce) {

    boolean hasQop() {
        return qop != null && !qop.isEmpty();
    }

    boolean matches(String method, String ha1) {
        if (response == null || ha1 == null) {
            return false;
        }
        String ha2 = algorithm.hash(method + ":" + uri);
        String expected = hasQop()
                ? algorithm.hash(ha1 + ":" + nonce + ":" + String.format("%08x", nonceCount) + ":" + cnonce + ":" + qop + ":" + ha2)
                : algorithm.hash(ha1 + ":" + nonce + ":" + ha2);
        // Constant time, so a timing attack learns nothing about the expected response.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
