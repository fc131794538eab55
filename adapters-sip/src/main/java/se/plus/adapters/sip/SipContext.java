package se.plus.adapters.sip;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WarningHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.application.port.out.Meters;

/** The factories and the provider a processor answers with, and the answers every processor gives. */
final class SipContext {

    private static final Logger LOG = Logger.getLogger(SipContext.class.getName());

    static final List<String> ALLOWED_METHODS = List.of(
            Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.REGISTER, Request.OPTIONS,
            Request.UPDATE, Request.INFO, Request.SUBSCRIBE, Request.REFER);

    private final SipProvider provider;
    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String domain;
    private final Clock clock;
    private final IntSupplier serverTransactions;
    private final int maxServerTransactions;
    private final IntSupplier clientTransactions;
    private final int maxClientTransactions;
    private final Meters meters;

    SipContext(SipProvider provider, MessageFactory messages, HeaderFactory headers, AddressFactory addresses,
               String domain, Clock clock, IntSupplier serverTransactions, int maxServerTransactions,
               IntSupplier clientTransactions, int maxClientTransactions, Meters meters) {
        this.meters = meters;
        this.serverTransactions = serverTransactions;
        this.maxServerTransactions = maxServerTransactions;
        this.clientTransactions = clientTransactions;
        this.maxClientTransactions = maxClientTransactions;
        this.provider = provider;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.domain = domain;
        this.clock = clock;
    }

    MessageFactory messages() {
        return messages;
    }

    HeaderFactory headers() {
        return headers;
    }

    AddressFactory addresses() {
        return addresses;
    }

    SipProvider provider() {
        return provider;
    }

    String domain() {
        return domain;
    }

    /**
     * The stack holds so many server transactions that a new one should be refused: below the stack's
     * own MAX_SERVER_TRANSACTIONS, where it would start dropping requests without a word.
     */
    boolean saturated() {
        // Every call also opens client transactions (its legs, their CANCEL and BYE): a new call that
        // could not get them would only fail later.
        return serverTransactions.getAsInt() > maxServerTransactions || clientTransactions.getAsInt() > maxClientTransactions;
    }

    Instant now() {
        return clock.instant();
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
            provider.sendResponse(withToTag(response));
        } catch (SipException failure) {
            LOG.log(Level.FINE, "could not send a response", failure);
        }
    }

    /**
     * The server transaction for a new request, or null for a retransmission (the stack answers it
     * with the last response itself) or a request the stack cannot take a transaction for.
     */
    ServerTransaction transactionFor(Request request) {
        try {
            return provider.getNewServerTransaction(request);
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        } catch (SipException | RuntimeException failure) {
            LOG.log(Level.FINE, "no transaction for " + request.getMethod(), failure);
            return null;
        }
    }

    void reply(ServerTransaction transaction, Response response) {
        try {
            withToTag(response);
            transaction.sendResponse(response);
        } catch (SipException | javax.sip.InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.FINE, "could not send " + response.getStatusCode(), failure);
        }
    }

    void reply(ServerTransaction transaction, int status) {
        try {
            reply(transaction, messages.createResponse(status, transaction.getRequest()));
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** RFC 3261 §8.2.6.2: every response but 100 carries a To tag; the stack leaves that to us. */
    static Response withToTag(Response response) {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (response.getStatusCode() > 100 && to != null && to.getTag() == null) {
            try {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            } catch (ParseException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return response;
    }

    /** A final response with our own reason phrase and a Warning (RFC 3261 §20.43) for people. */
    Response response(Request request, int status, String reasonPhrase, String warning) {
        try {
            Response response = messages.createResponse(status, request);
            if (reasonPhrase != null) {
                response.setReasonPhrase(reasonPhrase);
            }
            if (warning != null) {
                WarningHeader header = headers.createWarningHeader(domain, WarningHeader.MISCELLANEOUS_WARNING, warning);
                response.addHeader(header);
            }
            return response;
        } catch (ParseException | javax.sip.InvalidArgumentException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** 503 with Retry-After without a transaction: load shedding, as cheap as an answer can be. */
    void sendBusy(Request request) {
        send(busy(request));
    }

    /** 503 with Retry-After: the server is busy, the phone may try again shortly (RFC 3261 §21.5.4). */
    void replyBusy(ServerTransaction transaction) {
        reply(transaction, busy(transaction.getRequest()));
    }

    private Response busy(Request request) {
        meters.requestShed(request.getMethod());
        try {
            Response response = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
            response.addHeader(headers.createRetryAfterHeader(5));
            return response;
        } catch (ParseException | javax.sip.InvalidArgumentException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The address a request really came from (not what its Via claims): what failures are counted by. */
    static String source(Request request) {
        if (request instanceof SIPMessage message) {
            InetAddress remote = message.getRemoteAddress();
            if (remote != null) {
                return remote.getHostAddress();
            }
        }
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        if (via == null) {
            return "unknown";
        }
        return via.getReceived() != null ? via.getReceived() : via.getHost();
    }

    /**
     * The value of a header the stack has no class for (Replaces, our Plus-Handover), trimmed; null
     * when the message has none. The stack keeps such a header as an extension header, or as raw text.
     */
    static String headerValue(javax.sip.message.Message message, String name) {
        javax.sip.header.Header header = message.getHeader(name);
        if (header == null) {
            return null;
        }
        String value = header instanceof javax.sip.header.ExtensionHeader extension ? extension.getValue()
                : header.toString().substring(header.toString().indexOf(':') + 1);
        return value == null ? null : value.trim();
    }

    /** The User-Agent's products as one string ("" without the header): what a device's dialect is judged by. */
    static String userAgent(javax.sip.message.Message message) {
        // A phone names itself in User-Agent; in its responses some use Server instead (RFC 3261 §20.35).
        javax.sip.header.Header named = message.getHeader(UserAgentHeader.NAME);
        if (named == null) {
            named = message.getHeader(javax.sip.header.ServerHeader.NAME);
        }
        if (named == null) {
            return "";
        }
        if (named instanceof javax.sip.header.ServerHeader server) {
            var text = new StringBuilder();
            server.getProduct().forEachRemaining(part -> text.append(text.isEmpty() ? "" : " ").append(part));
            return text.toString();
        }
        UserAgentHeader header = (UserAgentHeader) named;
        var text = new StringBuilder();
        header.getProduct().forEachRemaining(part -> text.append(text.isEmpty() ? "" : " ").append(part));
        return text.toString();
    }

    /** The local address a request arrived on: where our media and Contact must point. */
    static String localAddress(Request request, String fallback) {
        if (request instanceof SIPMessage message && message.getLocalAddress() != null
                && !message.getLocalAddress().isAnyLocalAddress()) {
            return message.getLocalAddress().getHostAddress();
        }
        return fallback;
    }

    /** A Via for a request we send over {@code transport} (UDP when we do not listen on it); the stack adds the branch. */
    javax.sip.header.ViaHeader via(String transport) throws ParseException, javax.sip.InvalidArgumentException {
        var point = listeningPoint(transport);
        return headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
    }

    /** Our Contact for {@code transport}: {@code sip:plus@<address>:<port>;transport=...}. */
    javax.sip.header.ContactHeader contact(String transport) throws ParseException {
        var point = listeningPoint(transport);
        String host = point.getIPAddress();
        javax.sip.address.SipURI uri = addresses.createSipURI("plus", host.contains(":") ? "[" + host + "]" : host);
        uri.setPort(point.getPort());
        uri.setTransportParam(point.getTransport().toLowerCase());
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    private javax.sip.ListeningPoint listeningPoint(String transport) {
        var point = provider.getListeningPoint(transport);
        return point != null ? point : provider.getListeningPoint("UDP");
    }

    /** RFC 3261 §10.3 step 7, RFC 6665 §4.2.1.1: 423 with the shortest expiry we accept. */
    Response intervalTooBrief(Request request, int minExpires) {
        try {
            Response response = messages.createResponse(Response.INTERVAL_TOO_BRIEF, request);
            response.addHeader(headers.createMinExpiresHeader(minExpires));
            return response;
        } catch (ParseException | javax.sip.InvalidArgumentException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
