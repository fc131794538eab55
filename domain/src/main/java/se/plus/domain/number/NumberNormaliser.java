package se.plus.domain.number;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Optional;

/**
 * National / international input → E.164 with libphonenumber, default region SE.
 *
 * <p>Swedish numbers ({@code 0…}, {@code +46…}, {@code 0046…}) take a fast path: the national significant
 * number is what follows the prefix, and whether its length is possible comes from libphonenumber's own
 * metadata, read once. A full libphonenumber parse costs about 5 µs, twenty times the budget of a whole
 * dial string (1 million per second, issue 3). A Swedish national number whose length is not possible is
 * refused, where libphonenumber would keep the leading 0 and accept a number no one can have.
 * Every other input goes through libphonenumber.
 */
final class NumberNormaliser {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "SE";
    private static final int SWEDEN_CODE = 46;
    /** Longest input worth looking at: 15 digits, an IDD prefix and generous punctuation. */
    private static final int MAX_RAW_LENGTH = 40;
    /** E.164: at most 15 digits in all, so a Swedish national significant number has at most 13. */
    private static final int MAX_SWEDISH_NSN = 13;
    private static final boolean[] POSSIBLE_SWEDISH_LENGTH = possibleSwedishLengths();

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
        int nsnStart = swedishNationalNumberStart(compact);
        if (nsnStart > 0) {
            int length = compact.length() - nsnStart;
            return length <= MAX_SWEDISH_NSN && POSSIBLE_SWEDISH_LENGTH[length]
                    ? Optional.of(new PhoneNumber(PhoneNumber.SWEDEN + compact.substring(nsnStart)))
                    : Optional.empty();
        }
        return viaLibphonenumber(compact).map(PhoneNumber::new);
    }

    /**
     * Where the national significant number starts in {@code 0N…}, {@code +46N…} or {@code 0046N…} (N a
     * digit 1–9, as every Swedish NSN begins); 0 when the input is not one of these.
     */
    static int swedishNationalNumberStart(String s) {
        int n = s.length();
        if (n > 1 && s.charAt(0) == '0' && isNonZeroDigit(s.charAt(1))) {
            return 1;
        }
        if (n > 3 && s.startsWith("+46") && isNonZeroDigit(s.charAt(3))) {
            return 3;
        }
        if (n > 4 && s.startsWith("0046") && isNonZeroDigit(s.charAt(4))) {
            return 4;
        }
        return 0;
    }

    private static boolean isNonZeroDigit(char c) {
        return c >= '1' && c <= '9';
    }

    /** Drops the punctuation people write numbers with; null when anything else is in the way. */
    private static String compact(String raw) {
        boolean clean = true;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!((c >= '0' && c <= '9') || (c == '+' && i == 0))) {
                clean = false;
                break;
            }
        }
        if (clean) {
            return raw.length() == 1 && raw.charAt(0) == '+' ? null : raw;
        }
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

    static Optional<String> viaLibphonenumber(String compact) {
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

    /** libphonenumber's possible lengths for Sweden, asked once per length (its check is length-only). */
    private static boolean[] possibleSwedishLengths() {
        boolean[] possible = new boolean[MAX_SWEDISH_NSN + 1];
        for (int length = 1; length <= MAX_SWEDISH_NSN; length++) {
            long nsn = Long.parseLong("7".repeat(length));
            var number = new Phonenumber.PhoneNumber().setCountryCode(SWEDEN_CODE).setNationalNumber(nsn);
            possible[length] = UTIL.isPossibleNumberWithReason(number) == ValidationResult.IS_POSSIBLE;
        }
        return possible;
    }
}
