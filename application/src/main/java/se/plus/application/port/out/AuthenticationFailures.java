package se.plus.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed authentications per source, kept where every node of a cluster sees them, so that password
 * guessing spread over the nodes, or over SIP and REST, is still one guesser: a source address counts
 * SIP digest failures and REST login failures together. A source with too many failures within a window
 * is blocked for a while; what a block means (requests dropped, 429) is the adapter's business.
 */
public interface AuthenticationFailures {

    /** The source for an IP address, the same from SIP and REST. */
    static String address(String ip) {
        return "address " + ip;
    }

    /** The source for an account (REST: guesses at one account from many addresses). */
    static String account(String name) {
        return "account " + name;
    }

    /**
     * The source for one address's answers for one user (SIP: a wrong password is challenged once more,
     * then refused, whichever node the answers reach).
     */
    static String streak(String ip, String user) {
        return "streak " + ip + " " + user;
    }

    /** When the source's block ends, if it has one (possibly already over: see {@link #endBlock}). */
    Optional<Instant> blockEnd(String source);

    /**
     * Counts a failure. When it makes {@code limit.maxFailures()} within {@code limit.window()} and the
     * source is not blocked already, the source is blocked until {@code now + limit.blockFor()} and its
     * count starts again.
     */
    Tally recordFailure(String source, Limit limit, Instant now);

    /**
     * Removes a block that is over, with its count; true for exactly one caller in the cluster (the one
     * that should say so in the log).
     */
    boolean endBlock(String source, Instant end);

    /** A success: the source's count of failures starts again (a block stays). */
    void forgetFailures(String source);

    /**
     * Remembers, until {@code until}, that the address logged into the account: its login then passes the
     * account's block (the owner keeps working while someone elsewhere guesses their password).
     */
    void vouch(String account, String ip, Instant until);

    /** Whether a login from the address into the account, vouched for until after {@code now}, passes its block. */
    boolean vouched(String account, String ip, Instant now);

    /** Housekeeping: counts older than {@code window}, blocks over for a day and vouchers run out go. */
    void purge(Duration window, Instant now);

    record Limit(int maxFailures, Duration window, Duration blockFor) {
    }

    /** Failures within the window, and whether this one started a block. */
    record Tally(int inWindow, boolean blockedNow) {
    }
}
