package se.plus.adapters.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import se.plus.application.port.out.AuthenticationFailures;
import se.plus.infrastructure.security.CachedAuthenticationFailures;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new CachedAuthenticationFailures(new ConcurrentHashMap<>()), 3, 5, Duration.ofMinutes(1), Duration.ofMinutes(5));

    @Test
    void anAddressWithTooManyFailuresWithinAMinuteWaitsTheBlockOut() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), throttle.refusal("10.0.0.9", "1001", T0.plusSeconds(i)));
            throttle.failed("10.0.0.9", "1001", T0.plusSeconds(i));
        }

        assertEquals(Optional.of(Duration.ofSeconds(298)), throttle.refusal("10.0.0.9", "1002", T0.plusSeconds(4)));
        assertEquals(Optional.empty(), throttle.refusal("10.0.0.9", "1002", T0.plusSeconds(2 + 300)));
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotBlock() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.9", "100" + i, T0.plusSeconds(61L * i));
        }

        assertEquals(Optional.empty(), throttle.refusal("10.0.0.9", "1001", T0.plusSeconds(61L * 10)));
    }

    @Test
    void aGuessedAccountIsClosedToNewAddressesButNotToOneThatLoggedInBefore() {
        throttle.succeeded("10.0.0.1", "1001", T0);
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.1." + i, "1001", T0.plusSeconds(1));
        }

        assertTrue(throttle.refusal("10.0.2.1", "1001", T0.plusSeconds(2)).isPresent(), "a new address");
        assertEquals(Optional.empty(), throttle.refusal("10.0.0.1", "1001", T0.plusSeconds(2)), "the owner's address");
        assertEquals(Optional.empty(), throttle.refusal("10.0.2.1", "1002", T0.plusSeconds(2)), "another account");
    }

    @Test
    void theOwnersAddressThatLoggedInThroughNodeOnePassesTheAccountsBlockAtNodeTwo() {
        var cache = new ConcurrentHashMap<String, String>();
        var node1 = new LoginThrottle(new CachedAuthenticationFailures(cache), 3, 5, Duration.ofMinutes(1), Duration.ofMinutes(5));
        var node2 = new LoginThrottle(new CachedAuthenticationFailures(cache), 3, 5, Duration.ofMinutes(1), Duration.ofMinutes(5));
        node1.succeeded("10.0.0.1", "1001", T0);
        for (int i = 0; i < 5; i++) {
            node2.failed("10.0.1." + i, "1001", T0.plusSeconds(1));
        }

        assertTrue(node2.refusal("10.0.2.1", "1001", T0.plusSeconds(2)).isPresent(), "a new address");
        assertEquals(Optional.empty(), node2.refusal("10.0.0.1", "1001", T0.plusSeconds(2)), "the owner's address");

        Instant dayLater = T0.plus(Duration.ofDays(1)).plusSeconds(10);
        for (int i = 0; i < 5; i++) {
            node2.failed("10.0.3." + i, "1001", dayLater);
        }
        assertTrue(node2.refusal("10.0.0.1", "1001", dayLater.plusSeconds(1)).isPresent(),
                "a login vouches for its address for a day");
    }

    @Test
    void anAddressGuessingOverSipAndRestIsOneGuesser() {
        var cache = new ConcurrentHashMap<String, String>();
        var failures = new CachedAuthenticationFailures(cache);
        var rest = new LoginThrottle(failures, 3, 5, Duration.ofMinutes(1), Duration.ofMinutes(5));
        var sipLimit = new AuthenticationFailures.Limit(3, Duration.ofMinutes(1), Duration.ofMinutes(5));

        failures.recordFailure(AuthenticationFailures.address("10.0.0.9"), sipLimit, T0);
        failures.recordFailure(AuthenticationFailures.address("10.0.0.9"), sipLimit, T0.plusSeconds(1));
        rest.failed("10.0.0.9", "1001", T0.plusSeconds(2));

        assertEquals(Optional.of(Duration.ofSeconds(300)), rest.refusal("10.0.0.9", "1002", T0.plusSeconds(2)));
    }
}
