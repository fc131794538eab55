package se.plus.adapters.sip.incall;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The key in a SIP INFO body, as phones send keys out of band: {@code application/dtmf-relay}
 * ({@code Signal=5} and {@code Duration=160} lines, the de facto format of Cisco and most phones,
 * never standardised) and {@code application/dtmf} (the key alone, from an expired IETF draft).
 * Either may name the key by its RFC 4733 event number, 10 for * and 11 for #. Keys A–D and
 * anything unreadable give no key: an INFO is answered either way, it never fails the call.
 */
public final class DtmfInfo {

    /** A real body is a few dozen octets; a larger one is not read at all. */
    static final int MAX_BODY = 1024;

    private static final String DTMF_RELAY = "application/dtmf-relay";
    private static final String DTMF = "application/dtmf";

    private DtmfInfo() {
    }

    public static Optional<Character> digitOf(String contentType, byte[] body) {
        if (contentType == null || body == null || body.length > MAX_BODY) {
            return Optional.empty();
        }
        String type = mediaType(contentType);
        // ISO 8859-1 maps every octet to a character, so decoding cannot fail on junk.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        if (type.equals(DTMF_RELAY)) {
            return signalOf(text);
        }
        if (type.equals(DTMF)) {
            return key(text.strip());
        }
        return Optional.empty();
    }

    /** {@code application/DTMF-Relay; charset=x} → {@code application/dtmf-relay}. */
    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        String type = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return type.strip().toLowerCase(Locale.ROOT);
    }

    /** The value of the first {@code Signal=} line; the other lines (Duration) do not change the key. */
    private static Optional<Character> signalOf(String body) {
        for (String line : body.split("\r\n|\r|\n")) {
            int equals = line.indexOf('=');
            if (equals > 0 && line.substring(0, equals).strip().equalsIgnoreCase("Signal")) {
                return key(line.substring(equals + 1).strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<Character> key(String value) {
        if (value.length() == 1) {
            char c = value.charAt(0);
            return (c >= '0' && c <= '9') || c == '*' || c == '#' ? Optional.of(c) : Optional.empty();
        }
        if (value.equals("10")) {
            return Optional.of('*');
        }
        if (value.equals("11")) {
            return Optional.of('#');
        }
        return Optional.empty();
    }
}
