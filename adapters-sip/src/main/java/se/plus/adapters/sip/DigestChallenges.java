package se.plus.adapters.sip;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Digest on the wire: the challenge a phone gets (401 with WWW-Authenticate for REGISTER, 407 with
 * Proxy-Authenticate for INVITE, RFC 3261 §22) and the answer read back from its request.
 */
final class DigestChallenges {

    private final DigestAuthenticator authenticator;
    private final List<DigestAlgorithm> offered;

    DigestChallenges(DigestAuthenticator authenticator, List<DigestAlgorithm> offered) {
        this.authenticator = authenticator;
        this.offered = List.copyOf(offered);
    }

    /** The algorithms of a setting such as {@code MD5,SHA-256}, in its order; unknown names are an error. */
    static List<DigestAlgorithm> parse(String setting) {
        return java.util.Arrays.stream(setting.split("[,\\s]+")).filter(s -> !s.isEmpty())
                .map(name -> DigestAlgorithm.fromToken(name)
                        .orElseThrow(() -> new IllegalArgumentException("plus.sip.auth.algorithms: unknown " + name)))
                .distinct().toList();
    }

    /** One challenge per algorithm, in the configured order (RFC 8760 §2.4: order of preference). */
    Response challenge(Request request, boolean proxy, boolean stale, SipContext sip) {
        try {
            int status = proxy ? Response.PROXY_AUTHENTICATION_REQUIRED : Response.UNAUTHORIZED;
            Response response = sip.messages().createResponse(status, request);
            String nonce = authenticator.newNonce(sip.now());
            for (DigestAlgorithm algorithm : offered) {
                WWWAuthenticateHeader header = proxy
                        ? sip.headers().createProxyAuthenticateHeader("Digest")
                        : sip.headers().createWWWAuthenticateHeader("Digest");
                header.setRealm(authenticator.realm());
                header.setNonce(nonce);
                header.setAlgorithm(algorithm.token());
                header.setQop("auth");
                if (stale) {
                    header.setStale(true);
                }
                response.addHeader(header);
            }
            return response;
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The digest answer in a request, when it has one we can check: scheme Digest, an algorithm we
     * offered, and a {@code uri} naming the same user part as the request URI (so an answer cannot be
     * moved to another request).
     */
    Optional<DigestResponse> answerIn(Request request, boolean proxy) {
        AuthorizationHeader header = (AuthorizationHeader) request.getHeader(
                proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME);
        if (header == null || !"Digest".equalsIgnoreCase(header.getScheme())) {
            return Optional.empty();
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(header.getAlgorithm());
        URI digestUri = header.getURI();
        if (algorithm.isEmpty() || !offered.contains(algorithm.get()) || digestUri == null || header.getNonce() == null) {
            return Optional.empty();
        }
        String qop = header.getQop();
        if (qop != null && !qop.isEmpty() && !"auth".equalsIgnoreCase(qop)) {
            return Optional.empty();
        }
        return Optional.of(new DigestResponse(header.getUsername(), header.getRealm(), header.getNonce(),
                digestUri.toString(), header.getResponse(), algorithm.get(), qop, header.getNonceCount(),
                header.getCNonce()));
    }

    /**
     * Whether the answer's {@code uri} names this request: the same user part as the request URI, or
     * no user part at all (SIPp and some older phones put only the server there). The second form is
     * accepted because each answer is good for one request only (one-time nonce-count), so a captured
     * one cannot be replayed; moving it to another code would need an on-path attacker, who without
     * TLS could rewrite far more.
     */
    static boolean namesRequest(DigestResponse answer, Request request) {
        String user = userOf(answer.uri());
        return user.isEmpty() || user.equals(userOf(request.getRequestURI()));
    }

    private static String userOf(URI uri) {
        if (uri instanceof SipURI sip) {
            String user = sip.getUser();
            return user == null ? "" : String.valueOf(FeatureCode.percentDecode(user));
        }
        return "";
    }

    static String userOf(String uri) {
        int colon = uri.indexOf(':');
        int at = uri.indexOf('@');
        if (colon < 0 || at < colon) {
            return "";
        }
        return String.valueOf(FeatureCode.percentDecode(uri.substring(colon + 1, at)));
    }
}
