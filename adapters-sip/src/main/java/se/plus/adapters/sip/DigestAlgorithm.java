package se.plus.adapters.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The digest algorithms the registrar offers (RFC 7616 §3.3, RFC 8760 for SIP), strongest first: a
 * phone picks the first challenge it understands, and old phones that know only MD5 skip SHA-256.
 */
enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** The {@code algorithm} parameter as it appears in the headers. */
    String token() {
        return token;
    }

    /** A missing {@code algorithm} parameter means MD5 (RFC 7616 §3.3). */
    static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equalsIgnoreCase(token)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
