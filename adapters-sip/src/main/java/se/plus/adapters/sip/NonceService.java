package se.plus.adapters.sip;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import se.plus.application.port.out.UsedNonces;

/**
 * Digest nonces that expire and cannot be replayed. A nonce carries its issue time and an HMAC of it
 * under a key shared by the cluster's nodes ({@link UsedNonces#signingKey}), so issuing costs no memory (a
 * flood of unauthenticated requests stores nothing) and any node accepts another's nonce; only a nonce
 * that was used is remembered, with the highest nonce-count seen, until it expires, where every node sees
 * it. A request is accepted once per (nonce, nc): with qop the nc must grow (RFC 7616 §3.4), a request
 * without qop (RFC 2069 phones) may use its nonce once.
 */
final class NonceService {

    enum Verdict {
        /** Fresh, issued by us, and this nonce-count never seen: accept. */
        VALID,
        /** Ours but expired: challenge again with {@code stale=true}, the phone retries silently. */
        STALE,
        /** Not ours, tampered, or a count already used: a replay. */
        INVALID
    }

    private static final int RANDOM_BYTES = 9;
    private static final int MAC_BYTES = 15;

    private final Duration lifetime;
    private final int maxRemembered;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();
    private final UsedNonces used;
    /** Set by the housekeeping, which counts the remembered nonces (too costly a count per request). */
    private volatile boolean full;

    NonceService(UsedNonces used, Duration lifetime, int maxRemembered) {
        this.used = used;
        this.lifetime = lifetime;
        this.maxRemembered = maxRemembered;
        this.key = new SecretKeySpec(used.signingKey(), "HmacSHA256");
    }

    String issue(Instant now) {
        var body = ByteBuffer.allocate(Long.BYTES + RANDOM_BYTES);
        body.putLong(now.toEpochMilli());
        var salt = new byte[RANDOM_BYTES];
        random.nextBytes(salt);
        body.put(salt);
        byte[] signed = ByteBuffer.allocate(body.capacity() + MAC_BYTES).put(body.array()).put(mac(body.array())).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
    }

    /**
     * Judges a nonce for one request and, when valid, records the count so the same request cannot
     * be played again. {@code nonceCount} is ignored without qop (the nonce is then one-time).
     */
    Verdict use(String nonce, boolean withQop, long nonceCount, Instant now) {
        Instant issued = issuedAt(nonce);
        if (issued == null || issued.isAfter(now.plusSeconds(1))) {
            return Verdict.INVALID;
        }
        Instant expires = issued.plus(lifetime);
        if (!now.isBefore(expires)) {
            return Verdict.STALE;
        }
        long count = withQop ? nonceCount : 1;
        if (count < 1) {
            return Verdict.INVALID;
        }
        if (full && count == 1) {
            // Full of live nonces: a fresh challenge is safer than forgetting one still replayable.
            return Verdict.STALE;
        }
        // Without qop every use counts as the first: the nonce serves one request.
        return used.firstUse(nonce, count, expires) ? Verdict.VALID : Verdict.INVALID;
    }

    /** Housekeeping (every 30 s): forgets expired nonces and sees whether the memory is full. */
    void forgetExpired(Instant now) {
        used.forgetExpired(now);
        full = used.remembered() >= maxRemembered;
    }

    int remembered() {
        return used.remembered();
    }

    private Instant issuedAt(String nonce) {
        if (nonce == null) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
        int bodyLength = Long.BYTES + RANDOM_BYTES;
        if (raw.length != bodyLength + MAC_BYTES) {
            return null;
        }
        byte[] body = Arrays.copyOf(raw, bodyLength);
        byte[] mac = Arrays.copyOfRange(raw, bodyLength, raw.length);
        if (!MessageDigest.isEqual(mac, mac(body))) {
            return null;
        }
        return Instant.ofEpochMilli(ByteBuffer.wrap(body).getLong());
    }

    private byte[] mac(byte[] body) {
        try {
            var hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            return Arrays.copyOf(hmac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
