package se.plus.infrastructure.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import se.plus.application.port.out.AuthenticationFailures;

/** The shared authentication record: failure counts beside the addresses that logged in. */
class CachedAuthenticationFailuresTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private final ConcurrentHashMap<String, String> cache = new ConcurrentHashMap<>();
    private final CachedAuthenticationFailures failures = new CachedAuthenticationFailures(cache);

    @Test
    void annasDeskVouchedForADayIsForgottenByTheHousekeepingAfterItButHerCountsAreKeptApart() {
        failures.vouch("1001", "10.0.0.1", T0.plus(Duration.ofDays(1)));
        failures.vouch("1001", "10.0.0.1", T0.plus(Duration.ofHours(1)));
        failures.recordFailure(AuthenticationFailures.account("1001"),
                new AuthenticationFailures.Limit(5, Duration.ofMinutes(1), Duration.ofMinutes(5)), T0);

        failures.purge(Duration.ofMinutes(1), T0.plusSeconds(30));
        assertTrue(failures.vouched("1001", "10.0.0.1", T0.plus(Duration.ofHours(2))), "an earlier end never shortens a voucher");
        assertFalse(failures.vouched("1001", "10.0.0.2", T0), "another address");
        assertEquals(2, cache.size(), "the voucher and the account's count: " + cache);

        failures.purge(Duration.ofMinutes(1), T0.plus(Duration.ofDays(1)));
        assertFalse(failures.vouched("1001", "10.0.0.1", T0.plus(Duration.ofDays(1))));
        assertTrue(cache.isEmpty(), "nothing left: " + cache);
    }
}
