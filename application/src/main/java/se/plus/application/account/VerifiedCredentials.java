package se.plus.application.account;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import se.plus.application.port.in.AuthenticateUseCase.Principal;

/**
 * Logins already checked against their slow hash, remembered for a few minutes. HTTP Basic sends the
 * password with every request; without this each REST call would pay a full PBKDF2 computation (about
 * 0.1 s of CPU), which caps the API at a few requests per second per core. Only a salted SHA-256 of
 * the password is kept, in memory; any change of the account forgets it at once.
 */
@ApplicationScoped
public class VerifiedCredentials {

    static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 10_000;

    private final byte[] pepper = new byte[32];
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public VerifiedCredentials() {
        new SecureRandom().nextBytes(pepper);
    }

    Optional<Principal> lookUp(String username, char[] password, long nowNanos) {
        Entry entry = entries.get(username);
        if (entry == null || nowNanos - entry.verifiedAtNanos > TTL.toNanos()) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(entry.digest, digest(username, password))
                ? Optional.of(entry.principal) : Optional.empty();
    }

    void remember(String username, char[] password, Principal principal, long nowNanos) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(username, new Entry(digest(username, password), principal, nowNanos));
    }

    /** The account changed (password, role) or is gone: the next request checks the slow hash again. */
    public void forget(String username) {
        entries.remove(username);
    }

    private byte[] digest(String username, char[] password) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(pepper);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static final class Entry {
        final byte[] digest;
        final Principal principal;
        final long verifiedAtNanos;

        Entry(byte[] digest, Principal principal, long verifiedAtNanos) {
            this.digest = digest;
            this.principal = principal;
            this.verifiedAtNanos = verifiedAtNanos;
        }
    }
}
