package se.plus.application.port.out;

/** Someone else changed the same aggregate first; the change was not stored. */
public class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String what, Throwable cause) {
        super(what + " was changed concurrently", cause);
    }
}
