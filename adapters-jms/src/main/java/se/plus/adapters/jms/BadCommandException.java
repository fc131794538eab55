package se.plus.adapters.jms;

/** The message is not a command this adapter understands: answered VALIDATION, put in the dead-letter queue. */
class BadCommandException extends RuntimeException {

    BadCommandException(String detail) {
        super(detail, null, false, false);
    }
}
