package se.plus.adapters.sip.wire;

/**
 * What is wrong with a request the stack would otherwise have taken as it is (or not at all), found
 * on its raw bytes before JAIN-SIP's parser forgets it: the parser keeps the last of two Call-IDs,
 * reads "SIP/7.0" as 2.0 and drops a request without From. Carried on the parsed request as its
 * application data so the listener answers before any processor (and before authentication).
 *
 * @param status        400 or 505
 * @param reason        a few words for the reason phrase, never the request's own text
 * @param requestLength the request's size in bytes: a 400 larger than it is not sent (no amplification)
 */
public record Malformation(int status, String reason, int requestLength) {
}
