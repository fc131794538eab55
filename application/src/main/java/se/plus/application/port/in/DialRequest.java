package se.plus.application.port.in;

import java.util.Objects;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;

/**
 * A dial string keyed by a user on a device: the same command whether it came as a SIP INVITE, a REST
 * {@code dial} or a JMS message. The digits are whatever the device sent; the domain's parser judges
 * them (and refuses anything, however strange, with a clear outcome).
 */
public record DialRequest(Extension extension, String digits, Dialect dialect, DialContext context, Actor actor) {

    /** Longer than any code of the rules by far; beyond it nothing is parsed. */
    public static final int MAX_DIGITS = 128;

    public DialRequest {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(digits, "digits");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(actor, "actor");
    }

    public static DialRequest dialled(Extension extension, String digits, Dialect dialect, Actor actor) {
        return new DialRequest(extension, digits, dialect, DialContext.DIALLED, actor);
    }
}
