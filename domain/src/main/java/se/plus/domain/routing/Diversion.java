package se.plus.domain.routing;

import java.util.Objects;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/**
 * One hop of a diverted call: whose rule sent it on ({@code by}, and the number the world knows them by:
 * their fixed number, else the extension), why, and where to.
 */
public record Diversion(Extension by, PhoneNumber byNumber, DiversionCause cause, PhoneNumber to) {

    public Diversion {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(byNumber, "byNumber");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(to, "to");
    }
}
