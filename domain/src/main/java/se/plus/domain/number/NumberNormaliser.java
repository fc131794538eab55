package se.plus.domain.number;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Optional;

/** National / international input → E.164 with libphonenumber, default region SE. */
final class NumberNormaliser {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "SE";
    /** Longest input worth looking at: 15 digits, an IDD prefix and generous punctuation. */
    private static final int MAX_RAW_LENGTH = 40;

    private NumberNormaliser() {
    }

    static Optional<PhoneNumber> normalise(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_RAW_LENGTH) {
            return Optional.empty();
        }
        String compact = compact(raw);
        if (compact == null) {
            return Optional.empty();
        }
        if (Extension.isExtensionDigits(compact)) {
            return Optional.of(new PhoneNumber(compact));
        }
        return toE164(compact).map(PhoneNumber::new);
    }

    /** Drops the punctuation people write numbers with; null when anything else is in the way. */
    private static String compact(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            } else if (c == '+' && b.length() == 0) {
                b.append(c);
            } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.' && c != '/') {
                return null;
            }
        }
        return b.length() == 0 || (b.length() == 1 && b.charAt(0) == '+') ? null : b.toString();
    }

    private static Optional<String> toE164(String compact) {
        try {
            var number = UTIL.parse(compact, DEFAULT_REGION);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            String e164 = UTIL.format(number, PhoneNumberFormat.E164);
            return PhoneNumber.isE164(e164) ? Optional.of(e164) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
