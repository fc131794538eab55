package se.plus.adapters.sip;

import javax.sip.message.Response;
import se.plus.domain.outcome.OutcomeCode;

/**
 * The SIP final response for each refusal: the one place that maps outcome codes to statuses. The
 * reason phrase is the outcome code itself, so a phone's display and a trace both show it; a
 * {@code Warning} header (RFC 3261 §20.43, code 399) adds the message a person reads.
 */
final class RefusalResponse {

    private RefusalResponse() {
    }

    static int status(OutcomeCode code) {
        // An exhaustive switch: a new outcome code does not compile until it has a status here.
        return switch (code) {
            // Not a member, nothing ringing: the service is not available to this user right now.
            case SERVICE_NOT_ACTIVE -> Response.TEMPORARILY_UNAVAILABLE;
            // No such code, no such number: like dialling a number that does not exist.
            case INVALID_CODE, UNKNOWN_NUMBER -> Response.NOT_FOUND;
            // The code is known but its time part is wrong: the address is incomplete.
            case INVALID_TIME -> Response.ADDRESS_INCOMPLETE;
            case NOT_ALLOWED -> Response.FORBIDDEN;
        };
    }

    static String reasonPhrase(OutcomeCode code) {
        return code.name();
    }

    /** The Warning text: {@code CODE: Swedish message / English message}, quotes removed. */
    static String warningText(OutcomeCode code, se.plus.domain.outcome.Message message) {
        return (code.name() + ": " + message.sv() + " / " + message.en()).replace('"', '\'');
    }
}
