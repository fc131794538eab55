package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureTrackerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

    private final FailureTracker tracker = new FailureTracker(new se.plus.infrastructure.security.CachedAuthenticationFailures(new java.util.concurrent.ConcurrentHashMap<>()), 3, Duration.ofMinutes(1), Duration.ofMinutes(5));

    @Test
    void aWrongPasswordIsChallengedOnceMoreThenRefused() {
        assertEquals(1, tracker.recordFailure("10.0.0.1", "1001", T0));
        assertEquals(2, tracker.recordFailure("10.0.0.1", "1001", T0));
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        tracker.recordFailure("10.0.0.1", "1001", T0);
        tracker.recordSuccess("10.0.0.1", "1001");

        assertEquals(1, tracker.recordFailure("10.0.0.1", "1001", T0));
    }

    @Test
    void tooManyFailuresWithinTheWindowBlockTheSourceForAWhile() {
        tracker.recordFailure("10.0.0.1", "1001", T0);
        tracker.recordFailure("10.0.0.1", "1002", T0.plusSeconds(10));
        assertFalse(tracker.isBlocked("10.0.0.1", T0.plusSeconds(10)));

        tracker.recordFailure("10.0.0.1", "1003", T0.plusSeconds(20));

        assertTrue(tracker.isBlocked("10.0.0.1", T0.plusSeconds(21)));
        assertFalse(tracker.isBlocked("10.0.0.2", T0.plusSeconds(21)), "other sources are not punished");
        assertFalse(tracker.isBlocked("10.0.0.1", T0.plusSeconds(20).plus(Duration.ofMinutes(5))));
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotBlock() {
        tracker.recordFailure("10.0.0.1", "1001", T0);
        tracker.recordFailure("10.0.0.1", "1001", T0.plusSeconds(40));
        tracker.recordFailure("10.0.0.1", "1001", T0.plusSeconds(80));

        assertFalse(tracker.isBlocked("10.0.0.1", T0.plusSeconds(81)));
    }

    @Test
    void failuresThroughTwoNodesCountAsOneGuesser() {
        var cache = new java.util.concurrent.ConcurrentHashMap<String, String>();
        var node1 = new FailureTracker(new se.plus.infrastructure.security.CachedAuthenticationFailures(cache), 3,
                Duration.ofMinutes(1), Duration.ofMinutes(5));
        var node2 = new FailureTracker(new se.plus.infrastructure.security.CachedAuthenticationFailures(cache), 3,
                Duration.ofMinutes(1), Duration.ofMinutes(5));

        node1.recordFailure("10.0.0.1", "1001", T0);
        node2.recordFailure("10.0.0.1", "1002", T0.plusSeconds(1));
        node1.recordFailure("10.0.0.1", "1003", T0.plusSeconds(2));

        assertTrue(node2.isBlocked("10.0.0.1", T0.plusSeconds(3)));
    }

    @Test
    void aWrongPasswordThroughNodeOneThenThroughNodeTwoIsRefused() {
        var cache = new java.util.concurrent.ConcurrentHashMap<String, String>();
        var node1 = new FailureTracker(new se.plus.infrastructure.security.CachedAuthenticationFailures(cache), 10,
                Duration.ofMinutes(1), Duration.ofMinutes(5));
        var node2 = new FailureTracker(new se.plus.infrastructure.security.CachedAuthenticationFailures(cache), 10,
                Duration.ofMinutes(1), Duration.ofMinutes(5));

        assertEquals(1, node1.recordFailure("10.0.0.1", "1001", T0), "challenged once more");
        assertEquals(2, node2.recordFailure("10.0.0.1", "1001", T0.plusSeconds(1)), "then refused, on the other node too");
        assertEquals(1, node2.recordFailure("10.0.0.1", "1002", T0.plusSeconds(2)), "another user's streak is its own");
        node2.recordSuccess("10.0.0.1", "1001");
        assertEquals(1, node1.recordFailure("10.0.0.1", "1001", T0.plusSeconds(3)), "a success on node 2 ends the streak for node 1");
    }
}
