package se.plus.adapters.sip;

import java.text.ParseException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The factories and the provider a processor answers with, and the answers every processor gives. */
final class SipContext {

    private static final Logger LOG = Logger.getLogger(SipContext.class.getName());

    static final List<String> ALLOWED_METHODS = List.of(Request.OPTIONS);

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;

    SipContext(SipProvider provider, MessageFactory messages, HeaderFactory headers) {
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
    }

    MessageFactory messages() {
        return messages;
    }

    HeaderFactory headers() {
        return headers;
    }

    /** A response with the Allow header RFC 3261 §11.2/§21.4.6 asks for on OPTIONS and 405. */
    Response responseWithAllow(Request request, int status) throws ParseException {
        Response response = messages.createResponse(status, request);
        response.addHeader(headers.createAllowHeader(String.join(", ", ALLOWED_METHODS)));
        return response;
    }

    /** Sends statelessly: a retransmitted request is simply answered again. */
    void send(Response response) {
        try {
            provider.sendResponse(response);
        } catch (SipException failure) {
            LOG.log(Level.FINE, "could not send a response", failure);
        }
    }
}
