package se.plus.adapters.sip.wire;

/**
 * What is wrong with a request the stack would otherwise have taken as it is (or not at all), found
 * on its raw bytes before JAIN-SIP's parser forgets it: the parser keeps the last of two Call-IDs,
 * reads "SIP/7.0" as 2.0 and drops a request without From.
 *
 * @param status 400 or 505
 * @param reason what is wrong, for the log (the answer carries the standard reason phrase)
 */
public record Malformation(int status, String reason) {
}
