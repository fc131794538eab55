package se.plus.adapters.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.adapters.sip.wire.Malformation;
import se.plus.adapters.sip.wire.Received;

/**
 * The checks of the message itself that RFC 3261 §8.2.2 and §8.2.3 ask of a UAS, made before any
 * processor and so before authentication: a malformed request is refused for what it is, whatever a
 * challenge would have said (RFC 4475 §3.3.8). Order: what the parser found (400, 505), the
 * Request-URI scheme (416), a REGISTER's To (400), extensions (420), the body's type (415), what the caller accepts (406).
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
        Optional<Received> received = Received.of(((SIPMessage) request).getApplicationData());
        Optional<Malformation> malformation = received.flatMap(Received::problem);
        if (malformation.isPresent()) {
            if (!ack) {
                answer(request, malformation.get(), received.get().length());
            }
            if (received.get().framingLost()) {
                closeConnection(request);
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
            if (Request.REGISTER.equals(request.getMethod()) && !sipTo(request)) {
                // RFC 3261 §10.3: the address-of-record is a SIP or SIPS URI (RFC 4475 §3.3.4).
                answer(request, new Malformation(Response.BAD_REQUEST, "address-of-record not a SIP URI"),
                        received.map(Received::length).orElse(0));
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

    private static boolean sipTo(Request request) {
        var to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && SCHEMES.contains(to.getAddress().getURI().getScheme().toLowerCase(Locale.ROOT));
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
     * The connection a request with an unreadable Content-Length came over: what follows on it cannot be
     * told apart from this request's body, so nothing more is read from it. The sender opens a new one.
     */
    private static void closeConnection(Request request) {
        if (((SIPRequest) request).getMessageChannel() instanceof MessageChannel channel && channel.isReliable()) {
            LOG.fine(() -> "connection from " + channel.getPeerAddress() + ":" + channel.getPeerPort()
                    + " closed: its framing is lost");
            channel.close();
        }
    }

    /**
     * A 400 is never larger than the request it answers (no amplification, and no echo of what the
     * sender wrote): the standard reason phrase, a short To tag, and when even the bare response with
     * the request's own Via, From, To, Call-ID and CSeq would be larger, the request is dropped, as
     * RFC 4475 allows for broken input. A 505 is always sent: the sender must learn our version.
     */
    private void answer(Request request, Malformation malformation, int requestLength) {
        try {
            Response response = sip.messages().createResponse(malformation.status(), request);
            var to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to != null && to.getTag() == null) {
                to.setTag(Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
            }
            int size = response.toString().getBytes(StandardCharsets.UTF_8).length;
            if (malformation.status() == Response.BAD_REQUEST && size > requestLength) {
                LOG.fine(() -> "malformed request dropped (" + malformation.reason() + "): a 400 would be larger, "
                        + size + " > " + requestLength + " bytes");
                return;
            }
            LOG.fine(() -> "malformed request answered " + malformation.status() + ": " + malformation.reason());
            sip.send(response);
        } catch (ParseException | RuntimeException unanswerable) {
            LOG.log(Level.FINE, "malformed request not answered", unanswerable);
        }
    }
}
