package se.plus.adapters.rest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(1), Duration.ofMinutes(5));

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
}
