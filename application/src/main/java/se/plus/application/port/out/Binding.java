package se.plus.application.port.out;

import java.time.Instant;
import se.plus.domain.dialstring.Dialect;

/**
 * One registered device of a user (RFC 3261 §10.3): where to reach it, until when, and what the
 * device is. {@code callId}/{@code cseq} order refreshes from the same device; {@code source} is the
 * address the REGISTER came from (for NAT: where a call can really reach it).
 */
public record Binding(String contact, Instant expires, String callId, long cseq, float q,
                      Dialect dialect, String userAgent, String source) {

    public long secondsLeft(Instant now) {
        return Math.max(0, expires.getEpochSecond() - now.getEpochSecond());
    }
}
