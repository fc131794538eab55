package se.plus.adapters.rest.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Failed REST logins counted per source address and per account. A source or an account with too many
 * failures within the window is blocked for a while: its requests are refused before the password is
 * hashed, so guessing costs the server next to nothing. An account's block does not hold against an
 * address that has logged into it successfully before (the owner at their desk keeps working while
 * someone elsewhere guesses their password). Time is a parameter.
 */
final class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());
    /** Beyond this many tracked keys old information is dropped rather than the heap. */
    private static final int MAX_TRACKED = 100_000;
    /** How long a successful login vouches for its address against its account's block. */
    private static final Duration KNOWN_ADDRESS = Duration.ofDays(1);

    private final int maxPerAddress;
    private final int maxPerAccount;
    private final Duration window;
    private final Duration blockFor;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> blockedUntil = new ConcurrentHashMap<>();
    private final Map<String, Instant> knownAddresses = new ConcurrentHashMap<>();

    LoginThrottle(int maxPerAddress, int maxPerAccount, Duration window, Duration blockFor) {
        this.maxPerAddress = maxPerAddress;
        this.maxPerAccount = maxPerAccount;
        this.window = window;
        this.blockFor = blockFor;
    }

    /** How long this login attempt must wait, or empty when it may be checked now. */
    Optional<Duration> refusal(String address, String account, Instant now) {
        Optional<Duration> byAddress = remaining("address " + address, now);
        if (byAddress.isPresent()) {
            return byAddress;
        }
        Instant known = knownAddresses.get(account + "|" + address);
        if (known != null && now.isBefore(known.plus(KNOWN_ADDRESS))) {
            return Optional.empty();
        }
        return remaining("account " + account, now);
    }

    void failed(String address, String account, Instant now) {
        if (failures.size() > MAX_TRACKED || knownAddresses.size() > MAX_TRACKED) {
            forgetOld(now);
        }
        count("address " + address, maxPerAddress, now);
        count("account " + account, maxPerAccount, now);
    }

    void succeeded(String address, String account, Instant now) {
        failures.remove("address " + address);
        knownAddresses.put(account + "|" + address, now);
    }

    private void count(String key, int max, Instant now) {
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        int inWindow;
        synchronized (recent) {
            recent.addLast(now);
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
                recent.removeFirst();
            }
            inWindow = recent.size();
        }
        if (inWindow >= max && blockedUntil.putIfAbsent(key, now.plus(blockFor)) == null) {
            LOG.warning(() -> "REST logins of " + key + " refused for " + blockFor.toSeconds() + " s after "
                    + inWindow + " failures within " + window.toSeconds() + " s");
        }
    }

    private Optional<Duration> remaining(String key, Instant now) {
        Instant until = blockedUntil.get(key);
        if (until == null) {
            return Optional.empty();
        }
        if (now.isBefore(until)) {
            return Optional.of(Duration.between(now, until));
        }
        if (blockedUntil.remove(key, until)) {
            failures.remove(key);
            LOG.info(() -> "REST logins of " + key + " accepted again");
        }
        return Optional.empty();
    }

    /** Periodic and on overflow: expired blocks end (and are logged), old counts and addresses go. */
    void forgetOld(Instant now) {
        blockedUntil.keySet().forEach(key -> remaining(key, now));
        failures.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                Instant last = e.getValue().peekLast();
                return last == null || !last.isAfter(now.minus(window));
            }
        });
        knownAddresses.entrySet().removeIf(e -> !now.isBefore(e.getValue().plus(KNOWN_ADDRESS)));
    }
}
