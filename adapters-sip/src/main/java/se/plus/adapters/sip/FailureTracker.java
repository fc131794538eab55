package se.plus.adapters.sip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Authentication failures per source address, as fail2ban would count them in a log: a source with
 * {@code maxFailures} wrong answers within {@code window} is blocked for {@code blockFor}, and its
 * requests are dropped unanswered meanwhile (an answer would only help a password guesser). Also
 * counts consecutive failures per source and user, so a wrong password is challenged once more and
 * then refused with 403 (contract: "401/407 again, then 403").
 */
final class FailureTracker {

    private static final Logger LOG = Logger.getLogger(FailureTracker.class.getName());

    /** Beyond this many tracked sources the oldest information is dropped rather than the heap. */
    private static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final Duration window;
    private final Duration blockFor;
    private final Map<String, Deque<Instant>> failuresBySource = new ConcurrentHashMap<>();
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
    private final Map<String, Integer> consecutiveBySourceAndUser = new ConcurrentHashMap<>();

    FailureTracker(int maxFailures, Duration window, Duration blockFor) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.blockFor = blockFor;
    }

    boolean isBlocked(String source, Instant now) {
        Instant until = blockedUntil.get(source);
        if (until == null) {
            return false;
        }
        if (now.isBefore(until)) {
            return true;
        }
        blockedUntil.remove(source, until);
        return false;
    }

    /**
     * Records a wrong answer and says how many wrong answers in a row this source has now given for
     * this user (1 = challenge again, 2 and more = refuse).
     */
    int recordFailure(String source, String user, Instant now) {
        if (failuresBySource.size() > MAX_TRACKED || consecutiveBySourceAndUser.size() > MAX_TRACKED) {
            forgetOld(now);
        }
        Deque<Instant> recent = failuresBySource.computeIfAbsent(source, s -> new ArrayDeque<>());
        int inWindow;
        synchronized (recent) {
            recent.addLast(now);
            while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
                recent.removeFirst();
            }
            inWindow = recent.size();
            if (inWindow >= maxFailures) {
                recent.clear();
            }
        }
        if (inWindow >= maxFailures) {
            blockedUntil.put(source, now.plus(blockFor));
            LOG.warning(() -> "SIP authentication: " + inWindow + " failures from " + source + " within "
                    + window.toSeconds() + " s (last user '" + user + "'): blocked for " + blockFor.toSeconds() + " s");
        } else {
            LOG.info(() -> "SIP authentication failed for user '" + user + "' from " + source);
        }
        return consecutiveBySourceAndUser.merge(source + "|" + user, 1, Integer::sum);
    }

    /** Ends a streak of wrong answers: after a success, or once the streak was answered 403. */
    void recordSuccess(String source, String user) {
        consecutiveBySourceAndUser.remove(source + "|" + user);
    }

    void forgetOld(Instant now) {
        failuresBySource.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                return entry.getValue().isEmpty() || entry.getValue().peekLast().isBefore(now.minus(window));
            }
        });
        blockedUntil.values().removeIf(until -> !now.isBefore(until));
        if (consecutiveBySourceAndUser.size() > MAX_TRACKED) {
            consecutiveBySourceAndUser.clear();
        }
    }
}
