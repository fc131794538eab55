package se.plus.adapters.rest.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import se.plus.application.port.out.AuthenticationFailures;
import se.plus.application.port.out.AuthenticationFailures.Limit;

/**
 * Failed REST logins counted per source address and per account. A source or an account with too many
 * failures within the window is blocked for a while: its requests are refused before the password is
 * hashed, so guessing costs the server next to nothing. An account's block does not hold against an
 * address that has logged into it successfully before (the owner at their desk keeps working while
 * someone elsewhere guesses their password). The counts and the addresses that logged in are the
 * cluster's ({@link AuthenticationFailures}), and an address's count is the one SIP keeps too: a guesser
 * trying both is one guesser. Time is a parameter.
 */
final class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    /** Beyond this many known addresses old ones are dropped rather than the heap. */
    private static final int MAX_TRACKED = 100_000;
    /** How long a successful login vouches for its address against its account's block. */
    private static final Duration KNOWN_ADDRESS = Duration.ofDays(1);
    /**
     * A node tells the cluster again that an address logged in at most this often: every request logs
     * in, and a shared write per request would cost every request a round trip to the other nodes.
     */
    private static final Duration VOUCH_AGAIN_AFTER = Duration.ofHours(1);

    private final AuthenticationFailures shared;
    private final Limit perAddress;
    private final Limit perAccount;
    private final Map<String, Instant> knownAddresses = new ConcurrentHashMap<>();

    LoginThrottle(AuthenticationFailures shared, int maxPerAddress, int maxPerAccount, Duration window, Duration blockFor) {
        this.shared = shared;
        this.perAddress = new Limit(maxPerAddress, window, blockFor);
        this.perAccount = new Limit(maxPerAccount, window, blockFor);
    }

    /** How long this login attempt must wait, or empty when it may be checked now. */
    Optional<Duration> refusal(String address, String account, Instant now) {
        Optional<Duration> byAddress = remaining(AuthenticationFailures.address(address), now);
        if (byAddress.isPresent()) {
            return byAddress;
        }
        Optional<Duration> byAccount = remaining(AuthenticationFailures.account(account), now);
        if (byAccount.isEmpty()) {
            return byAccount;
        }
        Instant known = knownAddresses.get(account + "|" + address);
        boolean vouched = known != null && now.isBefore(known.plus(KNOWN_ADDRESS)) || shared.vouched(account, address, now);
        return vouched ? Optional.empty() : byAccount;
    }

    void failed(String address, String account, Instant now) {
        if (knownAddresses.size() > MAX_TRACKED) {
            forgetOld(now);
        }
        count(AuthenticationFailures.address(address), perAddress, now);
        count(AuthenticationFailures.account(account), perAccount, now);
    }

    void succeeded(String address, String account, Instant now) {
        shared.forgetFailures(AuthenticationFailures.address(address));
        Instant told = knownAddresses.get(account + "|" + address);
        if (told == null || !now.isBefore(told.plus(VOUCH_AGAIN_AFTER))) {
            shared.vouch(account, address, now.plus(KNOWN_ADDRESS));
            knownAddresses.put(account + "|" + address, now);
        }
    }

    private void count(String source, Limit limit, Instant now) {
        var tally = shared.recordFailure(source, limit, now);
        if (tally.blockedNow()) {
            LOG.warning(() -> "REST logins of " + source + " refused for " + limit.blockFor().toSeconds() + " s after "
                    + tally.inWindow() + " failures within " + limit.window().toSeconds() + " s");
        }
    }

    private Optional<Duration> remaining(String source, Instant now) {
        Optional<Instant> end = shared.blockEnd(source);
        if (end.isEmpty()) {
            return Optional.empty();
        }
        if (now.isBefore(end.get())) {
            return Optional.of(Duration.between(now, end.get()));
        }
        if (shared.endBlock(source, end.get())) {
            LOG.info(() -> "REST logins of " + source + " accepted again");
        }
        return Optional.empty();
    }

    /** Periodic and on overflow: old counts and addresses go. */
    void forgetOld(Instant now) {
        shared.purge(perAddress.window(), now);
        knownAddresses.entrySet().removeIf(e -> !now.isBefore(e.getValue().plus(KNOWN_ADDRESS)));
    }
}
