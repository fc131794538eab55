package se.plus.adapters.sip;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import se.plus.application.port.in.FindSipCredentialsUseCase.SipCredentials;
import se.plus.domain.number.Extension;

/**
 * Decides whether a request's digest answer proves its user (RFC 7616, RFC 8760). An unknown
 * extension is checked against a random HA1 exactly like a known one, so neither the answer nor its
 * timing tells a caller whether an extension exists.
 */
final class DigestAuthenticator {

    sealed interface Decision {
    }

    record Authenticated(Extension extension) implements Decision {
    }

    /** Send a new challenge; {@code stale} when only the nonce had expired (RFC 7616 §3.3). */
    record Challenge(boolean stale) implements Decision {
    }

    /** Wrong again after a second chance: 403. */
    record Refuse() implements Decision {
    }

    private final String realm;
    private final NonceService nonces;
    private final FailureTracker failures;
    private final Function<Extension, Optional<SipCredentials>> credentials;
    private final String dummyHa1Md5;
    private final String dummyHa1Sha256;

    DigestAuthenticator(String realm, NonceService nonces, FailureTracker failures,
                        Function<Extension, Optional<SipCredentials>> credentials) {
        this.realm = realm;
        this.nonces = nonces;
        this.failures = failures;
        this.credentials = credentials;
        var random = new SecureRandom();
        var noise = new byte[16];
        random.nextBytes(noise);
        this.dummyHa1Md5 = DigestAlgorithm.MD5.hash(HexFormat.of().formatHex(noise));
        this.dummyHa1Sha256 = DigestAlgorithm.SHA_256.hash(HexFormat.of().formatHex(noise));
    }

    String realm() {
        return realm;
    }

    String newNonce(Instant now) {
        return nonces.issue(now);
    }

    /** Judges an answer; the caller has already checked that its {@code uri} names this request. */
    Decision authenticate(String method, DigestResponse answer, String source, Instant now) {
        Optional<Extension> extension = extensionOf(answer.username());
        Optional<SipCredentials> found = extension.flatMap(credentials);
        String ha1 = found
                .map(c -> answer.algorithm() == DigestAlgorithm.MD5 ? c.ha1Md5() : c.ha1Sha256())
                .orElse(answer.algorithm() == DigestAlgorithm.MD5 ? dummyHa1Md5 : dummyHa1Sha256);
        boolean right = realm.equals(answer.realm()) && answer.matches(method, ha1) && found.isPresent();
        if (!right) {
            return failed(answer.username(), source, now);
        }
        return switch (nonces.use(answer.nonce(), answer.hasQop(), answer.nonceCount(), now)) {
            case VALID -> {
                failures.recordSuccess(source, answer.username());
                yield new Authenticated(extension.get());
            }
            case STALE -> new Challenge(true);
            case INVALID -> failed(answer.username(), source, now);
        };
    }

    private Decision failed(String user, String source, Instant now) {
        int inARow = failures.recordFailure(source, String.valueOf(user), now);
        if (inARow < 2) {
            return new Challenge(false);
        }
        // After the 403 the phone (or its user) starts over with one more chance; a guesser that keeps
        // going is stopped by the per-source count instead.
        failures.recordSuccess(source, String.valueOf(user));
        return new Refuse();
    }

    private static Optional<Extension> extensionOf(String username) {
        try {
            return Optional.of(Extension.of(username));
        } catch (RuntimeException notAnExtension) {
            return Optional.empty();
        }
    }
}
