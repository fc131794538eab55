package se.plus.application.port.in;

/** {@code ADMIN} may do everything in the company; {@code USER} only what concerns their own extension. */
public enum Role {
    ADMIN, USER
}
