package se.plus.domain.dialstring;

/**
 * Whether the digits were dialled as a call or keyed during one. It decides between codes that share
 * digits: {@code #21#} dialled turns forwarding off, keyed in a call it transfers the call to 21.
 */
public enum DialContext {
    DIALLED,
    IN_CALL
}
