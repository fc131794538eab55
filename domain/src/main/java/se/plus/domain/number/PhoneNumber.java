package se.plus.domain.number;

import java.util.Objects;
import java.util.Optional;

/**
 * A number as the PBX stores it: either a short number (an extension, 2–6 digits, kept as dialled) or a
 * public number in E.164 ({@code +46701234567}). Input in national or international form is normalised
 * by {@link #parse(String)} with Sweden as the default region (contract.md).
 */
public record PhoneNumber(String value) {

    /** Sweden's country calling code; national numbers without a country are Swedish. */
    static final String SWEDEN = "+46";

    public PhoneNumber {
        Objects.requireNonNull(value, "value");
        if (!Extension.isExtensionDigits(value) && !isE164(value)) {
            throw new IllegalArgumentException("not an extension or an E.164 number: " + value);
        }
    }

    /**
     * Normalises what a person typed or dialled: an extension (2–6 digits) stays a short number; a
     * national ({@code 0701234567}, {@code 08-600 10 01}) or international ({@code 0046…}, {@code +46…})
     * number becomes E.164. Empty when it is neither; never throws.
     */
    public static Optional<PhoneNumber> parse(String raw) {
        return NumberNormaliser.normalise(raw);
    }

    /** As {@link #parse(String)}, for input that is already known to be valid (fixtures, stored data). */
    public static PhoneNumber of(String raw) {
        return parse(raw).orElseThrow(() -> new IllegalArgumentException("not a phone number: " + raw));
    }

    static boolean isE164(String s) {
        int n = s.length();
        // E.164 allows at most 15 digits after the '+'; country codes never start with 0.
        if (n < 3 || n > 16 || s.charAt(0) != '+' || s.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public boolean isExtension() {
        return value.charAt(0) != '+';
    }

    /** A public number outside the company PBX (every E.164 number is reached through the trunk). */
    public boolean isExternal() {
        return !isExtension();
    }

    public Optional<Extension> extension() {
        return isExtension() ? Optional.of(new Extension(value)) : Optional.empty();
    }

    /**
     * The digits to key on any phone: the extension itself, a Swedish number in national form when that
     * cannot be mistaken for an extension, otherwise the international form with the {@code 00} prefix.
     * {@link #parse(String)} of the result gives this number back.
     */
    public String dialDigits() {
        if (isExtension()) {
            return value;
        }
        if (value.startsWith(SWEDEN) && value.length() - SWEDEN.length() + 1 > 6) {
            return "0" + value.substring(SWEDEN.length());
        }
        return "00" + value.substring(1);
    }

    @Override
    public String toString() {
        return value;
    }
}
