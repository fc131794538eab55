package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import se.plus.adapters.sip.NonceService.Verdict;
import se.plus.infrastructure.security.CachedUsedNonces;

class NonceServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private final NonceService nonces = new NonceService(new CachedUsedNonces(new ConcurrentHashMap<>()), Duration.ofMinutes(5), 1000);

    @Test
    void aFreshNonceIsAcceptedOncePerNonceCount() {
        String nonce = nonces.issue(T0);

        assertEquals(Verdict.VALID, nonces.use(nonce, true, 1, T0.plusSeconds(1)));
        assertEquals(Verdict.INVALID, nonces.use(nonce, true, 1, T0.plusSeconds(2)), "the same nc again is a replay");
        assertEquals(Verdict.VALID, nonces.use(nonce, true, 2, T0.plusSeconds(3)), "a phone reuses its nonce with nc+1");
        assertEquals(Verdict.INVALID, nonces.use(nonce, true, 2, T0.plusSeconds(4)));
    }

    @Test
    void withoutQopANonceServesOneRequestOnly() {
        String nonce = nonces.issue(T0);

        assertEquals(Verdict.VALID, nonces.use(nonce, false, 0, T0));
        assertEquals(Verdict.INVALID, nonces.use(nonce, false, 0, T0));
    }

    @Test
    void anExpiredNonceIsStaleSoThePhoneRetriesWithoutAskingItsUser() {
        String nonce = nonces.issue(T0);

        assertEquals(Verdict.STALE, nonces.use(nonce, true, 1, T0.plus(Duration.ofMinutes(5))));
    }

    @Test
    void aNonceWeDidNotIssueOrThatWasTamperedWithIsInvalid() {
        String nonce = nonces.issue(T0);
        // A middle character: every one of its bits counts (a Base64 text's last one may carry padding bits).
        int middle = nonce.length() / 2;
        char original = nonce.charAt(middle);
        String tampered = nonce.substring(0, middle) + (original == 'A' ? 'B' : 'A') + nonce.substring(middle + 1);

        assertEquals(Verdict.INVALID, nonces.use(tampered, true, 1, T0));
        assertEquals(Verdict.INVALID, nonces.use("not-a-nonce", true, 1, T0));
        assertEquals(Verdict.INVALID, nonces.use(new NonceService(new CachedUsedNonces(new ConcurrentHashMap<>()), Duration.ofMinutes(5), 10).issue(T0), true, 1, T0),
                "another server's (or an earlier boot's) nonce");
    }

    @Test
    void aNonceIsForgottenOnlyOnceItExpired() {
        String nonce = nonces.issue(T0);
        nonces.use(nonce, true, 1, T0);

        nonces.forgetExpired(T0.plusSeconds(60));
        assertEquals(1, nonces.remembered());
        nonces.forgetExpired(T0.plus(Duration.ofMinutes(6)));
        assertEquals(0, nonces.remembered());
    }

    @Test
    void whenTheMemoryOfUsedNoncesIsFullNewOnesAreStaleRatherThanReplayable() {
        var small = new NonceService(new CachedUsedNonces(new ConcurrentHashMap<>()), Duration.ofMinutes(5), 2);
        small.use(small.issue(T0), true, 1, T0);
        small.use(small.issue(T0), true, 1, T0);
        small.forgetExpired(T0);

        assertEquals(Verdict.STALE, small.use(small.issue(T0), true, 1, T0));
    }

    @Test
    void aNonceIssuedByOneNodeIsGoodOnceOnAnotherSharingTheMemory() {
        var cache = new ConcurrentHashMap<String, String>();
        var node1 = new NonceService(new CachedUsedNonces(cache), Duration.ofMinutes(5), 1000);
        var node2 = new NonceService(new CachedUsedNonces(cache), Duration.ofMinutes(5), 1000);
        String nonce = node1.issue(T0);

        assertEquals(Verdict.VALID, node2.use(nonce, true, 1, T0));
        assertEquals(Verdict.INVALID, node1.use(nonce, true, 1, T0), "replayed at the other node");
    }
}
