package se.plus.adapters.rest.security;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Refuses a login the throttle refuses before the request reaches the servlet container's security
 * layer, and slowly. Measured under password guessing (8 kept-alive connections), the 429 given by
 * {@link ThrottledBasicAuthentication} itself still cost the server a whole core: each refusal passed
 * through Elytron's JASPI bridge and Soteria (two JNDI lookups that fail with an exception per request)
 * and the servlet request cycle, and an answer that fast only let the guesser send 10,000 a second.
 *
 * <p>Here, on the I/O thread, before any of that: a request with HTTP Basic credentials from an address
 * or for an account the throttle refuses is answered 429 (with Retry-After), {@link #DELAY} later, on
 * a timer of that I/O thread (no thread waits). A guesser's connection then costs the server one
 * cheap answer a second, whatever it sends. Everything else goes on to the deployment unchanged, and
 * the mechanism still refuses what gets past here (a block that begins meanwhile).
 *
 * <p>The throttle is the mechanism's own, found through the servlet context where the mechanism puts
 * itself when the application starts. Its check runs on the I/O thread and must stay a look-up in
 * memory.
 */
public final class EarlyLoginRefusal implements HttpHandler {

    /** How long a refused login waits for its 429: what one guessing connection can send a second. */
    static final Duration DELAY = Duration.ofSeconds(1);
    static final String MECHANISM = EarlyLoginRefusal.class.getName() + ".mechanism";

    private final HttpHandler next;
    private final ServletContext context;
    private volatile ThrottledBasicAuthentication mechanism;

    EarlyLoginRefusal(HttpHandler next, ServletContext context) {
        this.next = next;
        this.context = context;
    }

    /** Named in META-INF/services: Undertow puts the handler in front of the deployment's own. */
    public static final class Installation implements ServletExtension {
        @Override
        public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
            deployment.addInitialHandlerChainWrapper(next -> new EarlyLoginRefusal(next, context));
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        ThrottledBasicAuthentication throttled = authorization == null ? null : mechanism();
        if (throttled != null) {
            String address = exchange.getSourceAddress().getAddress().getHostAddress();
            Optional<Duration> wait = throttled.refusal(address, authorization);
            if (wait.isPresent()) {
                refuseLater(exchange, wait.get());
                return;
            }
        }
        next.handleRequest(exchange);
    }

    private ThrottledBasicAuthentication mechanism() {
        ThrottledBasicAuthentication known = mechanism;
        if (known == null && context.getAttribute(MECHANISM) instanceof ThrottledBasicAuthentication started) {
            mechanism = started;
            known = started;
        }
        return known;
    }

    private static void refuseLater(HttpServerExchange exchange, Duration wait) {
        // Retry-After counts from the answer, which leaves DELAY later.
        long retryAfter = Math.max(1, ThrottledBasicAuthentication.wholeSeconds(wait.minus(DELAY)));
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> exchange.getIoThread().executeAfter(() -> {
            exchange.setStatusCode(429);
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, retryAfter);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, ThrottledBasicAuthentication.REFUSAL_TYPE);
            exchange.getResponseSender().send(ThrottledBasicAuthentication.REFUSAL_BODY);
        }, DELAY.toMillis(), TimeUnit.MILLISECONDS));
    }
}
