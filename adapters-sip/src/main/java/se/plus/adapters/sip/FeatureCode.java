package se.plus.adapters.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A plus-service code dialled as the user part of a request URI. Phones escape {@code #} as
 * {@code %23} (RFC 3261 §25.1 does not allow it bare), some send it bare anyway: both are read the
 * same way. Judging the digits is the domain's work, not ours.
 */
final class FeatureCode {

    private FeatureCode() {
    }

    /** The digits of a request-URI user part when it is a code (starts with * or #), else empty. */
    static Optional<String> digitsOf(String uriUser) {
        if (uriUser == null || uriUser.isEmpty()) {
            return Optional.empty();
        }
        String digits = percentDecode(uriUser);
        if (digits == null || digits.isEmpty()) {
            return Optional.empty();
        }
        char first = digits.charAt(0);
        return first == '*' || first == '#' ? Optional.of(digits) : Optional.empty();
    }

    /** RFC 3986 percent-decoding; null for a broken escape (then it is no code of ours). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        var out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
