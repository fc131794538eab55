package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DigestResponseTest {

    // RFC 7616 §3.9.1: the worked example, for both algorithms.
    private static final String REALM = "http-auth@example.org";
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static DigestResponse example(DigestAlgorithm algorithm, String response) {
        return new DigestResponse("Mufasa", REALM, NONCE, "/dir/index.html", response, algorithm, "auth", 1, CNONCE);
    }

    private static String ha1(DigestAlgorithm algorithm) {
        return algorithm.hash("Mufasa:" + REALM + ":Circle of Life");
    }

    @Test
    void theSha256ExampleOfRfc7616IsAccepted() {
        var answer = example(DigestAlgorithm.SHA_256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");

        assertTrue(answer.matches("GET", ha1(DigestAlgorithm.SHA_256)));
    }

    @Test
    void theMd5ExampleOfRfc7616IsAccepted() {
        var answer = example(DigestAlgorithm.MD5, "8ca523f5e9506fed4657c9700eebdbec");

        assertTrue(answer.matches("GET", ha1(DigestAlgorithm.MD5)));
    }

    @Test
    void theSameAnswerForAnotherMethodOrPasswordIsRejected() {
        var answer = example(DigestAlgorithm.MD5, "8ca523f5e9506fed4657c9700eebdbec");

        assertFalse(answer.matches("POST", ha1(DigestAlgorithm.MD5)));
        assertFalse(answer.matches("GET", DigestAlgorithm.MD5.hash("Mufasa:" + REALM + ":circle of life")));
    }

    @Test
    void anOldPhoneWithoutQopIsCheckedTheRfc2069Way() {
        String ha1 = DigestAlgorithm.MD5.hash("1001:plus.local:secret");
        String ha2 = DigestAlgorithm.MD5.hash("REGISTER:sip:plus.local");
        String response = DigestAlgorithm.MD5.hash(ha1 + ":n1:" + ha2);

        var answer = new DigestResponse("1001", "plus.local", "n1", "sip:plus.local", response, DigestAlgorithm.MD5, null, 0, null);

        assertTrue(answer.matches("REGISTER", ha1));
    }

    @Test
    void aMissingAlgorithmMeansMd5AndAnUnknownOneIsNotOffered() {
        assertTrue(DigestAlgorithm.fromToken(null).orElseThrow() == DigestAlgorithm.MD5);
        assertTrue(DigestAlgorithm.fromToken("sha-256").orElseThrow() == DigestAlgorithm.SHA_256);
        assertTrue(DigestAlgorithm.fromToken("SHA-512-256").isEmpty());
    }

    @Test
    void theOfferedAlgorithmsFollowTheSettingsOrder() {
        assertTrue(DigestChallenges.parse("MD5,SHA-256").equals(java.util.List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256)));
        assertTrue(DigestChallenges.parse("sha-256").equals(java.util.List.of(DigestAlgorithm.SHA_256)));
    }
}
