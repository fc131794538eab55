package se.plus.domain.number;

import java.util.Objects;

/**
 * A user's extension (anknytning, kortnummer): 2–6 digits, unique within the company PBX. It is the
 * identity of a user and of a queue member.
 */
public record Extension(String digits) implements Comparable<Extension> {

    public Extension {
        Objects.requireNonNull(digits, "digits");
        if (!isExtensionDigits(digits)) {
            throw new IllegalArgumentException("an extension is 2–6 digits: " + digits);
        }
    }

    public static Extension of(String digits) {
        return new Extension(digits);
    }

    static boolean isExtensionDigits(CharSequence s) {
        int n = s.length();
        if (n < 2 || n > 6) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public PhoneNumber asPhoneNumber() {
        return new PhoneNumber(digits);
    }

    @Override
    public int compareTo(Extension other) {
        int byLength = Integer.compare(digits.length(), other.digits.length());
        return byLength != 0 ? byLength : digits.compareTo(other.digits);
    }

    @Override
    public String toString() {
        return digits;
    }
}
