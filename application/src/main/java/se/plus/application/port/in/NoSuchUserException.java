package se.plus.application.port.in;

import se.plus.domain.number.Extension;

/**
 * The extension names no user. Adapters decide what the caller may learn from that (REST: 404 for an
 * admin, 403 for a user; SIP: the same challenge as for a wrong password).
 */
public class NoSuchUserException extends RuntimeException {

    private final transient Extension extension;

    public NoSuchUserException(Extension extension) {
        super("no user has extension " + extension);
        this.extension = extension;
    }

    public Extension extension() {
        return extension;
    }
}
