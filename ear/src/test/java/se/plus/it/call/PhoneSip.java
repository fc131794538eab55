package se.plus.it.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.PeerUnavailableException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One phone's side of JAIN-SIP: its identity and address, the factories, and the few exchanges every
 * call and the registration share (send and wait, answer a digest challenge once).
 */
final class PhoneSip {

    /** How long this side waits for the final response to a request it sent. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Where the server is: a bare call target and the registrar. */
    static final String SERVER_HOST = "127.0.0.1";
    private static final String USER_AGENT = "plus-test-phone";

    final SipProvider provider;
    final HeaderFactory headers;
    final MessageFactory messages;
    final AddressFactory addresses;
    final String extension;
    /** This phone's own address: its listening point, Contact, Via and SDP. */
    final String host;
    private final String password;
    private final String transport;
    private final int port;
    private final int rtpPort;
    private final AtomicLong sdpVersion = new AtomicLong();
    /** How long the phone takes to answer a re-INVITE (zero: at once); see {@link TestPhone#answerReInvitesAfter}. */
    volatile Duration reInviteAnswerDelay = Duration.ZERO;
    /** Whether a 2xx to our INVITE finds a CANCEL of it just sent; see {@link TestPhone#cancelAsAnswered}. */
    volatile boolean cancelCrossingAnswers;

    PhoneSip(SipProvider provider, SipFactory factory, String extension, String password, int rtpPort)
            throws PeerUnavailableException {
        this.provider = provider;
        this.headers = factory.createHeaderFactory();
        this.messages = factory.createMessageFactory();
        this.addresses = factory.createAddressFactory();
        this.extension = extension;
        this.host = provider.getListeningPoint().getIPAddress();
        this.password = password;
        this.transport = provider.getListeningPoint().getTransport().toLowerCase();
        this.port = provider.getListeningPoint().getPort();
        this.rtpPort = rtpPort;
    }

    int port() {
        return port;
    }

    /** Our SDP with a fresh o= version, as RFC 3264 §8 wants for every new offer or answer. */
    String sdp(String direction) {
        return Sdp.audio(extension, host, sdpVersion.incrementAndGet(), rtpPort, direction);
    }

    ContactHeader contact() throws ParseException {
        SipURI uri = addresses.createSipURI(extension, host);
        uri.setPort(port);
        if (!transport.equals("udp")) {
            uri.setTransportParam(transport);
        }
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    /** RFC 3581: rport asks for the response at the address it came from. */
    ViaHeader via() throws ParseException, InvalidArgumentException {
        ViaHeader via = headers.createViaHeader(host, port, transport, null);
        via.setRPort();
        return via;
    }

    /** The stack writes the Via of in-dialog requests and ACKs itself; rport is added to it. */
    static void askForRport(Request request) throws InvalidArgumentException {
        ((ViaHeader) request.getHeader(ViaHeader.NAME)).setRPort();
    }

    void userAgent(Message message) throws ParseException {
        message.setHeader(headers.createHeader("User-Agent", USER_AGENT));
    }

    void body(Message message, String contentType, String body) throws ParseException {
        String[] type = contentType.split("/", 2);
        ContentTypeHeader header = headers.createContentTypeHeader(type[0].trim(), type[1].trim());
        message.setContent(body, header);
    }

    void sdpBody(Message message, String sdp) throws ParseException {
        body(message, "application/sdp", sdp);
    }

    static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    static String sdpOf(Message message) {
        var type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        boolean sdp = type != null && type.getContentType().equalsIgnoreCase("application")
                && type.getContentSubType().equalsIgnoreCase("sdp");
        return sdp ? body(message) : null;
    }

    static String callId(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    static long cseq(Message message) {
        return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    static String method(Response response) {
        return ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
    }

    static boolean hasToTag(Request request) {
        return ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
    }

    /** A response to {@code request}; {@code toTag} is set when given and the request's To has none. */
    Response response(Request request, int status, String toTag) throws ParseException {
        Response response = messages.createResponse(status, request);
        var to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (toTag != null && to.getTag() == null) {
            to.setTag(toTag);
        }
        userAgent(response);
        return response;
    }

    /**
     * The server transaction of a request: the stack's, or a new one (automatic dialog support is off,
     * so the stack makes none). Null for a retransmission whose transaction exists already.
     */
    ServerTransaction serverTransaction(RequestEvent event) throws SipException {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        }
    }

    /** Sends outside any dialog and waits for the final response, answering one digest challenge; null on timeout. */
    Response send(Request request) throws Exception {
        Response response = exchange(provider.getNewClientTransaction(request), null, null);
        if (Digest.isChallenge(response)) {
            response = exchange(provider.getNewClientTransaction(retryOf(request, response)), null, null);
        }
        return response;
    }

    /**
     * Sends a request in the dialog and waits for its final response, answering one digest challenge
     * with a new request (the dialog gives it the next CSeq); null on timeout. {@code onFinal} sees the
     * final response on the stack's thread before the caller does (to ACK a 2xx to a re-INVITE).
     */
    Response sendInDialog(Dialog dialog, String method, RequestContent content, Consumer<Response> onFinal)
            throws Exception {
        Response challenge = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            Request request = dialog.createRequest(method);
            askForRport(request);
            userAgent(request);
            content.addTo(request);
            if (challenge != null) {
                request.addHeader(Digest.answer(challenge, request, extension, password, headers));
            }
            Response response = exchange(provider.getNewClientTransaction(request), dialog, onFinal);
            if (!Digest.isChallenge(response)) {
                return response;
            }
            challenge = response;
        }
        return challenge;
    }

    /** The same request again with the next CSeq, a new branch and the credentials the challenge asks for. */
    Request retryOf(Request sent, Response challenge) throws Exception {
        Request retry = (Request) sent.clone();
        var cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        retry.removeHeader(ViaHeader.NAME);
        retry.addHeader(via());
        retry.removeHeader(AuthorizationHeader.NAME);
        retry.removeHeader(ProxyAuthorizationHeader.NAME);
        retry.addHeader(Digest.answer(challenge, retry, extension, password, headers));
        return retry;
    }

    private Response exchange(ClientTransaction transaction, Dialog dialog, Consumer<Response> onFinal)
            throws SipException, InterruptedException {
        var exchange = new Exchange(onFinal);
        transaction.setApplicationData(exchange);
        if (dialog == null) {
            transaction.sendRequest();
        } else {
            dialog.sendRequest(transaction);
        }
        return exchange.await(REQUEST_TIMEOUT);
    }

    /** What a request carries besides the headers the dialog writes: a body, say. */
    @FunctionalInterface
    interface RequestContent {
        void addTo(Request request) throws Exception;
    }
}
