package se.plus.adapters.sip;

import gov.nist.javax.sip.message.SIPMessage;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.adapters.sip.wire.Malformation;

/**
 * The checks of the message itself that RFC 3261 §8.2.2 and §8.2.3 ask of a UAS, made before any
 * processor and so before authentication: a malformed request is refused for what it is, whatever a
 * challenge would have said (RFC 4475 §3.3.8). Order: what the parser found (400, 505), the
 * Request-URI scheme (416), extensions (420), the body's type (415), what the caller accepts (406).
 */
final class RequestValidation {

    private static final Logger LOG = Logger.getLogger(RequestValidation.class.getName());
    private static final Set<String> SCHEMES = Set.of("sip", "sips");

    private final SipContext sip;

    RequestValidation(SipContext sip) {
        this.sip = sip;
    }

    /** True when the request has been answered (or dropped) here and must go no further. */
    boolean refused(Request request) {
        boolean ack = Request.ACK.equals(request.getMethod());
        if (request instanceof SIPMessage parsed && parsed.getApplicationData() instanceof Malformation malformation) {
            if (!ack) {
                answerSmall(request, malformation);
            }
            return true;
        }
        if (ack) {
            return false;
        }
        try {
            if (!SCHEMES.contains(request.getRequestURI().getScheme().toLowerCase(Locale.ROOT))) {
                sip.send(sip.messages().createResponse(Response.UNSUPPORTED_URI_SCHEME, request));
                return true;
            }
            List<String> unsupported = unsupportedExtensions(request);
            if (!unsupported.isEmpty()) {
                Response bad = sip.messages().createResponse(Response.BAD_EXTENSION, request);
                for (String tag : unsupported) {
                    bad.addHeader(sip.headers().createUnsupportedHeader(tag));
                }
                sip.send(bad);
                return true;
            }
            if (Request.INVITE.equals(request.getMethod()) && !sdpOrEmpty(request)) {
                sip.send(withAcceptSdp(sip.messages().createResponse(Response.UNSUPPORTED_MEDIA_TYPE, request)));
                return true;
            }
            if (Request.INVITE.equals(request.getMethod()) && !acceptsSdp(request)) {
                sip.send(withAcceptSdp(sip.messages().createResponse(Response.NOT_ACCEPTABLE, request)));
                return true;
            }
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
        return false;
    }

    /**
     * We support no extension. Proxy-Require counts too: phones name this server as their outbound
     * proxy, so it is the element Proxy-Require speaks to (RFC 3261 §20.29). CANCEL carries no
     * Require of its own meaning (§9.1).
     */
    private static List<String> unsupportedExtensions(Request request) {
        var tags = new ArrayList<String>();
        if (Request.CANCEL.equals(request.getMethod())) {
            return tags;
        }
        for (String name : List.of(RequireHeader.NAME, ProxyRequireHeader.NAME)) {
            ListIterator<?> values = request.getHeaders(name);
            while (values.hasNext()) {
                Object value = values.next();
                String tag = value instanceof RequireHeader require ? require.getOptionTag()
                        : value instanceof ProxyRequireHeader proxy ? proxy.getOptionTag() : null;
                if (tag != null && !tag.isBlank() && !tags.contains(tag.strip())) {
                    tags.add(tag.strip());
                }
            }
        }
        return tags;
    }

    private static boolean sdpOrEmpty(Request request) {
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            return true;
        }
        var type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        return type != null && "application".equalsIgnoreCase(type.getContentType())
                && "sdp".equalsIgnoreCase(type.getContentSubType());
    }

    /** No Accept means application/sdp (RFC 3261 §20.1); otherwise it must be named or covered by a wildcard. */
    private static boolean acceptsSdp(Request request) {
        ListIterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
        if (!accepts.hasNext()) {
            return true;
        }
        while (accepts.hasNext()) {
            var accept = (AcceptHeader) accepts.next();
            String type = String.valueOf(accept.getContentType());
            String subType = String.valueOf(accept.getContentSubType());
            if ((type.equals("*") || type.equalsIgnoreCase("application"))
                    && (subType.equals("*") || subType.equalsIgnoreCase("sdp"))) {
                return true;
            }
        }
        return false;
    }

    private Response withAcceptSdp(Response response) throws ParseException {
        response.addHeader(sip.headers().createAcceptHeader("application", "sdp"));
        return response;
    }

    /**
     * The answer to a malformed request is never larger than the request (no amplification, and no
     * echo of what the sender wrote): when even the bare response with the request's own Via, From,
     * To, Call-ID and CSeq would be, the request is dropped, as RFC 4475 allows for broken input.
     */
    private void answerSmall(Request request, Malformation malformation) {
        try {
            Response response = sip.messages().createResponse(malformation.status(), request);
            response.setReasonPhrase(malformation.reason());
            int size = response.toString().getBytes(StandardCharsets.UTF_8).length;
            if (size > malformation.requestLength()) {
                LOG.fine(() -> "malformed request dropped, the " + malformation.status() + " would be larger: " + size
                        + " > " + malformation.requestLength());
                return;
            }
            sip.send(response);
        } catch (ParseException | RuntimeException unanswerable) {
            LOG.log(Level.FINE, "malformed request not answered", unanswerable);
        }
    }
}
