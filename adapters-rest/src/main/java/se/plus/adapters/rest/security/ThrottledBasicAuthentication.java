package se.plus.adapters.rest.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.plus.adapters.rest.problem.Problem;
import se.plus.application.port.out.AuthenticationFailures;

/**
 * HTTP Basic (contract.md), as Jakarta Security's own mechanism does it, with one step before the
 * password is checked: a source address or an account that has failed too often recently is answered
 * 429 with Retry-After, without computing the PBKDF2 hash a wrong guess would otherwise cost. Most such
 * refusals are given earlier still, and more cheaply, by {@link EarlyLoginRefusal} with this throttle.
 */
@ApplicationScoped
public class ThrottledBasicAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(ThrottledBasicAuthentication.class.getName());
    private static final String CHALLENGE = "Basic realm=\"plus-services\"";
    static final String REFUSAL_TYPE = Problem.MEDIA_TYPE;
    /** The same for every refusal: made once, not per guess. */
    static final String REFUSAL_BODY = Problem.response(429, "Too Many Requests", "TOO_MANY_LOGIN_FAILURES",
            "too many failed logins; try again later").getEntity().toString();

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AuthenticationFailures failures;

    @Inject
    @ConfigProperty(name = "plus.rest.auth.max-failures-per-address", defaultValue = "10")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "plus.rest.auth.max-failures-per-account", defaultValue = "20")
    int maxPerAccount;

    @Inject
    @ConfigProperty(name = "plus.rest.auth.block-seconds", defaultValue = "300")
    int blockSeconds;

    private final Clock clock = Clock.systemUTC();
    private volatile LoginThrottle throttle;

    /**
     * Made known to {@link EarlyLoginRefusal} when the application starts, so that it refuses with this
     * throttle before the request reaches the security layer.
     */
    void refuseEarly(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        context.setAttribute(EarlyLoginRefusal.MECHANISM, this);
    }

    /** How long a login with this Authorization header from this address must wait, if it is refused now. */
    Optional<Duration> refusal(String address, String authorization) {
        Optional<String[]> login = basicCredentials(authorization);
        return login.isEmpty() ? Optional.empty() : throttle().refusal(address, login.get()[0], clock.instant());
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Optional<String[]> login = basicCredentials(request.getHeader("Authorization"));
        if (login.isPresent()) {
            String address = request.getRemoteAddr();
            String account = login.get()[0];
            Instant now = clock.instant();
            Optional<Duration> wait = throttle().refusal(address, account, now);
            if (wait.isPresent()) {
                return tooManyAttempts(response, context, wait.get());
            }
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(account, login.get()[1]));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                throttle().succeeded(address, account, now);
                return context.notifyContainerAboutLogin(result.getCallerPrincipal(), result.getCallerGroups());
            }
            throttle().failed(address, account, now);
        }
        if (context.isProtected()) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
            return context.responseUnauthorized();
        }
        return context.doNothing();
    }

    private static AuthenticationStatus tooManyAttempts(HttpServletResponse response, HttpMessageContext context,
                                                        Duration wait) {
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(Math.max(1, wholeSeconds(wait))));
        response.setContentType(REFUSAL_TYPE);
        try {
            response.getWriter().write(REFUSAL_BODY);
        } catch (IOException | IllegalStateException gone) {
            LOG.fine(() -> "429 body not written: " + gone);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** Rounded up: a client that waits this long finds the block over. */
    static long wholeSeconds(Duration wait) {
        return wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    }

    /** user and password of an {@code Authorization: Basic} header (RFC 7617), if it is one. */
    static Optional<String[]> basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private LoginThrottle throttle() {
        LoginThrottle current = throttle;
        if (current == null) {
            synchronized (this) {
                if (throttle == null) {
                    throttle = new LoginThrottle(failures, maxPerAddress, maxPerAccount, Duration.ofMinutes(1),
                            Duration.ofSeconds(blockSeconds));
                }
                current = throttle;
            }
        }
        return current;
    }
}
