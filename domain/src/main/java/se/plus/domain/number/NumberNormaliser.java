package se.plus.domain.number;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * National / international input → E.164 with libphonenumber, default region SE.
 *
 * <p>A full libphonenumber parse costs 5–7 µs, several times the budget of a whole dial string (1 million
 * per second, issue 3). So the common case takes a fast path that asks libphonenumber only what it can
 * answer cheaply and exactly: for Swedish national numbers ({@code 0N…}) and international numbers
 * ({@code +CC N…}, {@code 00CC N…}) of the countries in {@link #FAST_REGIONS}, the national significant
 * number is what follows the prefix, and whether its length is possible comes from libphonenumber's
 * metadata, asked once per country and length at start-up. Its result equals libphonenumber's (a property
 * test checks it), except that a Swedish national number of impossible length is refused where
 * libphonenumber would keep the leading 0 and accept {@code +460…}, a number no one can have.
 * Everything else goes through libphonenumber.
 */
final class NumberNormaliser {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "SE";
    /** Longest input worth looking at: 15 digits, an IDD prefix and generous punctuation. */
    private static final int MAX_RAW_LENGTH = 40;
    /** E.164 numbers have at most 15 digits, country code included. */
    private static final int MAX_NSN_LENGTH = 14;
    /**
     * Countries whose numbers never begin with a leading zero and whose national prefix, if any, is one
     * digit that no national significant number starts with: there, what follows the country code is the
     * national number as it stands. (Not Italy: leading zeros; not Argentina or Brazil: carrier prefixes.)
     */
    static final List<String> FAST_REGIONS = List.of("SE", "NO", "DK", "FI", "IS", "EE", "LV", "PL", "DE", "AT",
            "CH", "NL", "BE", "FR", "ES", "GB", "US");
    private static final Map<String, FastCountry> FAST_COUNTRIES = fastCountries();
    private static final FastCountry SWEDEN = FAST_COUNTRIES.get("46");

    private NumberNormaliser() {
    }

    /** A country of the fast path: its code, the first digit of its national prefix, its possible lengths. */
    private static final class FastCountry {
        final String code;
        final char nationalPrefixDigit;
        final boolean[] possibleLength = new boolean[MAX_NSN_LENGTH + 1];

        FastCountry(String region) {
            int cc = UTIL.getCountryCodeForRegion(region);
            this.code = Integer.toString(cc);
            String ndd = UTIL.getNddPrefixForRegion(region, true);
            this.nationalPrefixDigit = ndd == null || ndd.isEmpty() ? 0 : ndd.charAt(0);
            for (int length = 1; length <= MAX_NSN_LENGTH; length++) {
                var number = new Phonenumber.PhoneNumber().setCountryCode(cc)
                        .setNationalNumber(Long.parseLong("7".repeat(length)));
                // libphonenumber's possibility check depends on the length only, so one number per length tells.
                possibleLength[length] = UTIL.isPossibleNumber(number);
            }
        }

        /** "+CC" + the national number from {@code from}, or null when the fast path cannot tell. */
        String e164(String digits, int from) {
            int length = digits.length() - from;
            if (length < 1 || length + code.length() > 15) {
                return null;
            }
            char first = digits.charAt(from);
            if (first == '0' || first == nationalPrefixDigit || !possibleLength[length]) {
                return null;
            }
            return "+" + code + digits.substring(from);
        }
    }

    private static Map<String, FastCountry> fastCountries() {
        Map<String, FastCountry> byCode = new HashMap<>();
        for (String region : FAST_REGIONS) {
            FastCountry country = new FastCountry(region);
            byCode.put(country.code, country);
        }
        return Map.copyOf(byCode);
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
        if (compact.charAt(0) == '0' && compact.length() > 1 && compact.charAt(1) != '0') {
            // Swedish national form: the national prefix 0, then the national significant number.
            String e164 = SWEDEN.e164(compact, 1);
            return e164 == null ? Optional.empty() : Optional.of(new PhoneNumber(e164));
        }
        String fast = international(compact);
        if (fast != null) {
            return Optional.of(new PhoneNumber(fast));
        }
        return viaLibphonenumber(compact).map(PhoneNumber::new);
    }

    /** {@code +CC…} or {@code 00CC…} of a fast country, or null. */
    private static String international(String s) {
        int from = s.charAt(0) == '+' ? 1 : s.startsWith("00") ? 2 : -1;
        if (from < 0) {
            return null;
        }
        // Country codes are prefix-free: at most one of the first 1–3 digits is an assigned code.
        for (int ccLength = 1; ccLength <= 3 && from + ccLength < s.length(); ccLength++) {
            FastCountry country = FAST_COUNTRIES.get(s.substring(from, from + ccLength));
            if (country != null) {
                return country.e164(s, from + ccLength);
            }
        }
        return null;
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
}
