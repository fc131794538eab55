package se.plus.it.call;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * HTTP digest as SIP uses it (RFC 3261 §22.4 on RFC 2617), MD5 only: the server offers SHA-256 beside
 * it (RFC 8760) and a phone picks the one it knows. One request per challenge, so nc is always 1.
 */
final class Digest {

    private static final String NONCE_COUNT = "00000001";

    private Digest() {
    }

    static boolean isChallenge(Response response) {
        return response != null && (response.getStatusCode() == Response.UNAUTHORIZED
                || response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED);
    }

    /** RFC 2617 §3.2.2.1 request-digest; without qop the RFC 2069 form. */
    static String response(String username, String realm, String password, String method, String uri,
            String nonce, String nonceCount, String cnonce, String qop) {
        String ha1 = md5(username + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        return qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /**
     * The Authorization (after a 401) or Proxy-Authorization (after a 407) that answers the MD5 challenge
     * in {@code challenge} for {@code retry}.
     */
    static Header answer(Response challenge, Request retry, String username, String password, HeaderFactory headers)
            throws ParseException {
        boolean proxy = challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
        WWWAuthenticateHeader md5 = md5Challenge(challenge.getHeaders(
                proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME));
        if (md5 == null) {
            throw new IllegalStateException("no MD5 digest challenge in " + challenge);
        }
        String uri = retry.getRequestURI().toString();
        String qop = offersAuth(md5.getQop()) ? "auth" : null;
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String digest = response(username, md5.getRealm(), password, retry.getMethod(), uri, md5.getNonce(),
                NONCE_COUNT, cnonce, qop);
        var value = new StringBuilder("Digest username=\"").append(username)
                .append("\",realm=\"").append(md5.getRealm())
                .append("\",nonce=\"").append(md5.getNonce())
                .append("\",uri=\"").append(uri)
                .append("\",response=\"").append(digest)
                .append("\",algorithm=MD5");
        if (qop != null) {
            value.append(",qop=").append(qop).append(",nc=").append(NONCE_COUNT)
                    .append(",cnonce=\"").append(cnonce).append('"');
        }
        if (md5.getOpaque() != null) {
            value.append(",opaque=\"").append(md5.getOpaque()).append('"');
        }
        return headers.createHeader(proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME, value.toString());
    }

    private static WWWAuthenticateHeader md5Challenge(ListIterator<?> challenges) {
        while (challenges.hasNext()) {
            var challenge = (WWWAuthenticateHeader) challenges.next();
            String algorithm = challenge.getAlgorithm();
            // RFC 2617 §3.2.1: no algorithm means MD5.
            if ("Digest".equalsIgnoreCase(challenge.getScheme())
                    && (algorithm == null || algorithm.equalsIgnoreCase("MD5"))) {
                return challenge;
            }
        }
        return null;
    }

    private static boolean offersAuth(String qopOptions) {
        if (qopOptions == null) {
            return false;
        }
        for (String option : qopOptions.split(",")) {
            if (option.trim().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JRE has MD5", impossible);
        }
    }
}
