package se.plus.adapters.sip;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import se.plus.application.port.out.AuthenticationFailures;
import se.plus.application.port.out.AuthenticationFailures.Limit;

/**
 * Authentication failures per source address, as fail2ban would count them in a log: a source with
 * {@code maxFailures} wrong answers within {@code window} is blocked for {@code blockFor}, and its
 * requests are dropped unanswered meanwhile (an answer would only help a password guesser). The count
 * is the cluster's and REST's too ({@link AuthenticationFailures}): failed REST logins from the same
 * address count, and so do failures on other nodes. Also counts consecutive failures per source and user,
 * in the same shared count (within the same window), so a wrong password is challenged once more and then
 * refused with 403 (contract: "401/407 again, then 403") whichever nodes the answers reach.
 */
final class FailureTracker {

    private static final Logger LOG = Logger.getLogger(FailureTracker.class.getName());

    private final AuthenticationFailures shared;
    private final Limit limit;
    /** A streak is only counted: it never blocks anyone (the address's count does). */
    private final Limit streak;

    FailureTracker(AuthenticationFailures shared, int maxFailures, Duration window, Duration blockFor) {
        this.shared = shared;
        this.limit = new Limit(maxFailures, window, blockFor);
        this.streak = new Limit(Integer.MAX_VALUE, window, Duration.ZERO);
    }

    boolean isBlocked(String source, Instant now) {
        return shared.blockEnd(AuthenticationFailures.address(source)).filter(now::isBefore).isPresent();
    }

    /**
     * Records a wrong answer and says how many wrong answers in a row this source has now given for
     * this user (1 = challenge again, 2 and more = refuse).
     */
    int recordFailure(String source, String user, Instant now) {
        var tally = shared.recordFailure(AuthenticationFailures.address(source), limit, now);
        if (tally.blockedNow()) {
            LOG.warning(() -> "SIP authentication: " + tally.inWindow() + " failures from " + source + " within "
                    + limit.window().toSeconds() + " s (last user '" + user + "'): blocked for "
                    + limit.blockFor().toSeconds() + " s");
        } else {
            LOG.info(() -> "SIP authentication failed for user '" + user + "' from " + source);
        }
        return shared.recordFailure(AuthenticationFailures.streak(source, user), streak, now).inWindow();
    }

    /** Ends a streak of wrong answers: after a success, or once the streak was answered 403. */
    void recordSuccess(String source, String user) {
        // Costs a local read when there is no streak: a cluster-wide write only after a failure.
        shared.forgetFailures(AuthenticationFailures.streak(source, user));
    }

    void forgetOld(Instant now) {
        shared.purge(limit.window(), now);
    }
}
