package se.plus.domain.routing;

/** A call made to the user directly, or offered to them by a queue they are logged in to. */
public enum CallKind {
    DIRECT,
    QUEUE
}
