package se.plus.adapters.sip.wire;

import java.util.Optional;

/**
 * What the parser knows of a request that the parsed message does not say, carried on it as its
 * application data so the listener can act on it before any processor (and before authentication).
 *
 * @param length  the request's size as it arrived (start line, headers, the body Content-Length
 *                announces): a 400 larger than it is not sent (no amplification)
 * @param problem what is wrong with it, if anything
 * @param framingLost it came over a connection and its Content-Length is unreadable or given twice:
 *                    where the next message starts is unknown, so after the answer the connection is
 *                    closed (RFC 3261 §18.3, RFC 4475 §3.1.2.3)
 */
public record Received(int length, Optional<Malformation> problem, boolean framingLost) {

    public Received(int length, Optional<Malformation> problem) {
        this(length, problem, false);
    }

    /** The request's own facts, or none when it did not come through our parser. */
    public static Optional<Received> of(Object applicationData) {
        return applicationData instanceof Received received ? Optional.of(received) : Optional.empty();
    }
}
