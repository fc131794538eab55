package se.plus.adapters.sip;

import java.text.ParseException;
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

    DigestChallenges(DigestAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** One challenge per algorithm, SHA-256 first (RFC 8760 §2.4: in order of preference). */
    Response challenge(Request request, boolean proxy, boolean stale, SipContext sip) {
        try {
            int status = proxy ? Response.PROXY_AUTHENTICATION_REQUIRED : Response.UNAUTHORIZED;
            Response response = sip.messages().createResponse(status, request);
            String nonce = authenticator.newNonce(sip.now());
            for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
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
    static Optional<DigestResponse> answerIn(Request request, boolean proxy) {
        AuthorizationHeader header = (AuthorizationHeader) request.getHeader(
                proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME);
        if (header == null || !"Digest".equalsIgnoreCase(header.getScheme())) {
            return Optional.empty();
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromToken(header.getAlgorithm());
        URI digestUri = header.getURI();
        if (algorithm.isEmpty() || digestUri == null || header.getNonce() == null) {
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

    /** Whether the answer's {@code uri} names the user part this request is for. */
    static boolean namesRequest(DigestResponse answer, Request request) {
        return userOf(answer.uri()).equals(userOf(request.getRequestURI()));
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
