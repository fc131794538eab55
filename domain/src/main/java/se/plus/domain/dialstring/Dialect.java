package se.plus.domain.dialstring;

/**
 * Which table of codes a device follows (plus-services.md, "Codes"). A registered desk phone or
 * softphone is {@code TERMINAL}, a mobile leg {@code MOBILE}; REST and JMS callers name it.
 */
public enum Dialect {
    MOBILE,
    TERMINAL
}
