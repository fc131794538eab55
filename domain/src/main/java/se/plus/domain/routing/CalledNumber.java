package se.plus.domain.routing;

/** Which of the callee's numbers the caller reached. */
public enum CalledNumber {
    EXTENSION,
    FIXED,
    /** The mobile number: the rules apply only when the callee handles it as the fixed number. */
    MOBILE
}
