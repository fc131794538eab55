package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;
import se.plus.adapters.sip.DigestAuthenticator.Authenticated;
import se.plus.adapters.sip.DigestAuthenticator.Challenge;
import se.plus.adapters.sip.DigestAuthenticator.Refuse;
import se.plus.application.port.in.FindSipCredentialsUseCase;
import se.plus.application.port.in.FindSipCredentialsUseCase.SipCredentials;
import se.plus.domain.number.Extension;

@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class DigestAuthenticatorTest {

    private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
    private static final String REALM = "plus.local";

    @Mock
    FindSipCredentialsUseCase credentials;

    private DigestAuthenticator authenticator;

    @BeforeEach
    void setUp() {
        var nonces = new NonceService(new se.plus.infrastructure.security.CachedUsedNonces(new java.util.concurrent.ConcurrentHashMap<>()), Duration.ofMinutes(5), 1000);
        var failures = new FailureTracker(new se.plus.infrastructure.security.CachedAuthenticationFailures(new java.util.concurrent.ConcurrentHashMap<>()), 10, Duration.ofMinutes(1), Duration.ofMinutes(5));
        authenticator = new DigestAuthenticator(REALM, nonces, failures, credentials::find);
        when(credentials.find(any())).thenReturn(Optional.empty());
        when(credentials.find(Extension.of("1001"))).thenReturn(Optional.of(new SipCredentials(Extension.of("1001"), REALM,
                DigestAlgorithm.MD5.hash("1001:" + REALM + ":secret"), DigestAlgorithm.SHA_256.hash("1001:" + REALM + ":secret"))));
    }

    private DigestResponse answer(String user, String password, DigestAlgorithm algorithm, String nonce, long nc) {
        String uri = "sip:*21*0701234567%23@127.0.0.1";
        String ha1 = algorithm.hash(user + ":" + REALM + ":" + password);
        String ha2 = algorithm.hash("INVITE:" + uri);
        String response = algorithm.hash(ha1 + ":" + nonce + ":" + String.format("%08x", nc) + ":c1:auth:" + ha2);
        return new DigestResponse(user, REALM, nonce, uri, response, algorithm, "auth", nc, "c1");
    }

    @Test
    void theRightSipPasswordAuthenticatesTheExtensionWithEitherAlgorithm() {
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            var decision = authenticator.authenticate("INVITE",
                    answer("1001", "secret", algorithm, authenticator.newNonce(T0), 1), "10.0.0.1", T0);

            assertEquals(new Authenticated(Extension.of("1001")), decision);
        }
    }

    @Test
    void aWrongPasswordIsChallengedAgainThenRefused() {
        var first = authenticator.authenticate("INVITE", answer("1001", "guess", DigestAlgorithm.MD5, authenticator.newNonce(T0), 1), "10.0.0.1", T0);
        var second = authenticator.authenticate("INVITE", answer("1001", "guess2", DigestAlgorithm.MD5, authenticator.newNonce(T0), 1), "10.0.0.1", T0);

        assertEquals(new Challenge(false), first);
        assertInstanceOf(Refuse.class, second);
    }

    @Test
    void afterA403TheNextAttemptIsChallengedOnceMoreAgain() {
        for (int i = 0; i < 2; i++) {
            authenticator.authenticate("INVITE", answer("1001", "guess", DigestAlgorithm.MD5, authenticator.newNonce(T0), 1), "10.0.0.4", T0);
        }

        var next = authenticator.authenticate("INVITE", answer("1001", "guess", DigestAlgorithm.MD5, authenticator.newNonce(T0), 1), "10.0.0.4", T0);

        assertEquals(new Challenge(false), next);
    }

    @Test
    void anUnknownExtensionGetsTheSameAnswersAsAWrongPassword() {
        var first = authenticator.authenticate("INVITE", answer("4321", "secret", DigestAlgorithm.SHA_256, authenticator.newNonce(T0), 1), "10.0.0.2", T0);
        var second = authenticator.authenticate("INVITE", answer("4321", "secret", DigestAlgorithm.SHA_256, authenticator.newNonce(T0), 1), "10.0.0.2", T0);

        assertEquals(new Challenge(false), first);
        assertInstanceOf(Refuse.class, second);
    }

    @Test
    void aReplayedAnswerIsNotAcceptedTwice() {
        var once = answer("1001", "secret", DigestAlgorithm.MD5, authenticator.newNonce(T0), 1);

        assertInstanceOf(Authenticated.class, authenticator.authenticate("INVITE", once, "10.0.0.1", T0));
        assertEquals(new Challenge(false), authenticator.authenticate("INVITE", once, "10.0.0.1", T0.plusSeconds(1)));
    }

    @Test
    void theRightPasswordWithAnExpiredNonceIsAStaleChallengeNotAFailure() {
        var late = answer("1001", "secret", DigestAlgorithm.MD5, authenticator.newNonce(T0), 1);

        assertEquals(new Challenge(true), authenticator.authenticate("INVITE", late, "10.0.0.1", T0.plus(Duration.ofMinutes(6))));
        assertInstanceOf(Authenticated.class, authenticator.authenticate("INVITE",
                answer("1001", "secret", DigestAlgorithm.MD5, authenticator.newNonce(T0), 1), "10.0.0.1", T0));
    }

    @Test
    void aNonExtensionUserNameIsJustAWrongAnswer() {
        var decision = authenticator.authenticate("INVITE",
                answer("alice", "secret", DigestAlgorithm.MD5, authenticator.newNonce(T0), 1), "10.0.0.3", T0);

        assertEquals(new Challenge(false), decision);
    }
}
