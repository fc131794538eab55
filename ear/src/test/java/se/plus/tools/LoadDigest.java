package se.plus.tools;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Digest MD5 for the load tool's agents (RFC 3261 §22.4 on RFC 2617, qop=auth). The server offers
 * SHA-256 beside MD5 (RFC 8760); the MD5 challenge is the one answered. A wrong answer counts
 * against 127.0.0.1 in the server's fail2ban-like tracker, which would block every other user of the
 * machine too, so the tool stops at the first refusal rather than trying again.
 */
final class LoadDigest {

    private static final Pattern PARAM = Pattern.compile("([A-Za-z-]+)\\s*=\\s*(\"([^\"]*)\"|[^,\\s]+)");
    private static final String NONCE_COUNT = "00000001";

    private LoadDigest() {
    }

    /**
     * The header line ("Authorization: ..." after a 401, "Proxy-Authorization: ..." after a 407) that
     * answers the MD5 challenge of {@code challenge} for {@code method} to {@code uri}.
     */
    static String answer(LoadSipMessage challenge, String method, String uri, String user, String password) {
        boolean proxy = challenge.status() == 407;
        Map<String, String> md5 = null;
        for (String offer : challenge.all(proxy ? "Proxy-Authenticate" : "WWW-Authenticate")) {
            Map<String, String> params = params(offer);
            String algorithm = params.get("algorithm");
            // RFC 2617 §3.2.1: no algorithm means MD5.
            if (offer.regionMatches(true, 0, "Digest", 0, 6) && (algorithm == null || algorithm.equalsIgnoreCase("MD5"))) {
                md5 = params;
                break;
            }
        }
        if (md5 == null) {
            throw new IllegalStateException("no MD5 digest challenge in " + challenge.startLine());
        }
        boolean auth = md5.getOrDefault("qop", "").toLowerCase().matches("(.*,\\s*)?auth(\\s*,.*)?");
        String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
        String digest = response(user, md5.get("realm"), password, method, uri, md5.get("nonce"), NONCE_COUNT, cnonce,
                auth ? "auth" : null);
        var value = new StringBuilder(proxy ? "Proxy-Authorization" : "Authorization")
                .append(": Digest username=\"").append(user)
                .append("\",realm=\"").append(md5.get("realm"))
                .append("\",nonce=\"").append(md5.get("nonce"))
                .append("\",uri=\"").append(uri)
                .append("\",response=\"").append(digest)
                .append("\",algorithm=MD5");
        if (auth) {
            value.append(",qop=auth,nc=").append(NONCE_COUNT).append(",cnonce=\"").append(cnonce).append('"');
        }
        if (md5.containsKey("opaque")) {
            value.append(",opaque=\"").append(md5.get("opaque")).append('"');
        }
        return value.toString();
    }

    /** RFC 2617 §3.2.2.1 request-digest; without qop the RFC 2069 form. */
    static String response(String user, String realm, String password, String method, String uri, String nonce,
                           String nonceCount, String cnonce, String qop) {
        String ha1 = md5(user + ":" + realm + ":" + password);
        String ha2 = md5(method + ":" + uri);
        return qop == null
                ? md5(ha1 + ":" + nonce + ":" + ha2)
                : md5(ha1 + ":" + nonce + ":" + nonceCount + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    private static Map<String, String> params(String challenge) {
        var params = new HashMap<String, String>();
        Matcher matcher = PARAM.matcher(challenge);
        while (matcher.find()) {
            params.put(matcher.group(1).toLowerCase(), matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
        }
        return params;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JRE has MD5", impossible);
        }
    }
}
