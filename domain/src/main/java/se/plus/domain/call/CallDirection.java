package se.plus.domain.call;

/** Whether the user was called (incoming) or called out (outgoing). */
public enum CallDirection {
    INCOMING,
    OUTGOING
}
