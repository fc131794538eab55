package se.plus.it.call;

import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP phone for the integration tests of the B2BUA, on the project's own JAIN-SIP RI: it registers
 * with digest, calls (answering the 407 itself) and is called, answering as {@link #answerWith} says,
 * and sends and counts RTP. Everything it receives is recorded for assertions. One stack per phone,
 * on 127.0.0.1 unless told another loopback address, one transport; a call target without "sip:" goes
 * to the server.
 */
public final class TestPhone implements AutoCloseable {

    /**
     * How this phone answers the INVITEs that reach it. OK_CROSSING_CANCEL rings and answers 200 the
     * moment a CANCEL arrives, before handling it: as if its answer had left before the CANCEL came,
     * so the two crossed on the wire (RFC 3261 §9.2: the CANCEL then has no effect, only its 200).
     */
    public enum Answer { RING_THEN_OK, RING_ONLY, BUSY_486, DECLINE_603, OK_IMMEDIATELY, OK_CROSSING_CANCEL }

    static final String DOMAIN = "plus.local";
    private static final Logger LOG = Logger.getLogger(TestPhone.class.getName());
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final int BIND_ATTEMPTS = 10;

    private record AnswerMode(Answer answer, Duration ringTime) {
    }

    private final String extension;
    private final int serverPort;
    private final Media media;
    private final SipStack stack;
    private final ListeningPoint listeningPoint;
    private final PhoneListener listener;
    private final PhoneSip sip;
    private final ScheduledExecutorService answering;
    private final Map<String, CallLeg> calls = new ConcurrentHashMap<>();
    private final BlockingQueue<IncomingCall> incoming = new LinkedBlockingQueue<>();
    private final History<Request> received = new History<>();
    private volatile AnswerMode answerMode = new AnswerMode(Answer.RING_THEN_OK, Duration.ofMillis(200));
    private final CallIdHeader registrationCallId;
    private final String registrationTag = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong registrationCSeq = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A phone on its own JAIN-SIP stack, listening on 127.0.0.1 on a free port over {@code transport}
     * ("udp" or "tcp"); {@code serverPort} is where the PBX listens. The phone answers
     * {@link Answer#RING_THEN_OK} after 200 ms until told otherwise.
     */
    public TestPhone(String extension, String sipPassword, int serverPort, String transport) throws Exception {
        this(extension, sipPassword, serverPort, transport, PhoneSip.SERVER_HOST);
    }

    /**
     * As the four-argument constructor, but the phone's SIP and RTP sockets, Contact, Via and SDP are on
     * {@code host} (another loopback address such as 127.0.0.2, where the server expects its trusted
     * trunk). The server is still reached at 127.0.0.1:{@code serverPort}.
     */
    public TestPhone(String extension, String sipPassword, int serverPort, String transport, String host)
            throws Exception {
        this(extension, sipPassword, serverPort, transport, host, 0);
    }

    /** As above, listening on {@code sipPort} (0: a free one), e.g. where {@code plus.trunk.uri} points. */
    public TestPhone(String extension, String sipPassword, int serverPort, String transport, String host, int sipPort)
            throws Exception {
        String protocol = transport.toLowerCase(Locale.ROOT);
        if (!protocol.equals("udp") && !protocol.equals("tcp")) {
            throw new IllegalArgumentException("transport udp or tcp, not " + transport);
        }
        this.extension = extension;
        this.serverPort = serverPort;
        this.answering = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "test-phone-" + extension + "-answering");
            thread.setDaemon(true);
            return thread;
        });
        InetAddress address = InetAddress.getByName(host);
        Media rtp = new Media(address);
        SipStack newStack = null;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            // Built directly rather than by SipFactory.createSipStack, which keeps every stack it made
            // in a JVM-wide table for good.
            newStack = new SipStackImpl(stackProperties(extension));
            this.listeningPoint = sipPort > 0 ? newStack.createListeningPoint(address.getHostAddress(), sipPort, protocol)
                    : listen(newStack, address, protocol);
            SipProvider provider = newStack.createSipProvider(listeningPoint);
            this.sip = new PhoneSip(provider, factory, extension, sipPassword, rtp.port());
            this.listener = new PhoneListener(sip, calls, received, this::ringing);
            provider.addSipListener(listener);
            newStack.start();
            this.registrationCallId = provider.getNewCallId();
        } catch (Exception | Error e) {
            if (newStack != null) {
                newStack.stop();
            }
            rtp.close();
            answering.shutdownNow();
            throw e;
        }
        this.stack = newStack;
        this.media = rtp;
    }

    public int sipPort() {
        return sip.port();
    }

    /**
     * REGISTER (Contact = this phone) for {@code expiresSeconds}, answering the 401 with digest; 0
     * unregisters. The final status, or -1 on timeout.
     */
    public int register(int expiresSeconds) throws Exception {
        HeaderFactory headers = sip.headers;
        SipURI registrar = sip.addresses.createSipURI(null, PhoneSip.SERVER_HOST);
        registrar.setPort(serverPort);
        Address aor = sip.addresses.createAddress(sip.addresses.createSipURI(extension, DOMAIN));
        Request register = sip.messages.createRequest(registrar, Request.REGISTER, registrationCallId,
                headers.createCSeqHeader(registrationCSeq.incrementAndGet(), Request.REGISTER),
                headers.createFromHeader(aor, registrationTag), headers.createToHeader(aor, null),
                List.of(sip.via()), headers.createMaxForwardsHeader(70));
        register.addHeader(sip.contact());
        register.addHeader(headers.createExpiresHeader(expiresSeconds));
        sip.userAgent(register);
        Response response = sip.send(register);
        if (response == null) {
            return -1;
        }
        // §10.2: the next REGISTER of this Call-ID goes on from the CSeq the challenge retry used.
        registrationCSeq.accumulateAndGet(PhoneSip.cseq(response), Math::max);
        return response.getStatusCode();
    }

    /**
     * SUBSCRIBE to {@code event} of this phone's own address for {@code expiresSeconds} (0 ends it),
     * answering the 401 with digest; a new dialog each time. The final status, or -1 on timeout.
     */
    public int subscribe(String event, int expiresSeconds) throws Exception {
        HeaderFactory headers = sip.headers;
        SipURI target = sip.addresses.createSipURI(extension, PhoneSip.SERVER_HOST);
        target.setPort(serverPort);
        Address aor = sip.addresses.createAddress(sip.addresses.createSipURI(extension, DOMAIN));
        Request subscribe = sip.messages.createRequest(target, Request.SUBSCRIBE, sip.provider.getNewCallId(),
                headers.createCSeqHeader(1L, Request.SUBSCRIBE),
                headers.createFromHeader(aor, UUID.randomUUID().toString().substring(0, 8)),
                headers.createToHeader(aor, null), List.of(sip.via()), headers.createMaxForwardsHeader(70));
        subscribe.addHeader(sip.contact());
        subscribe.addHeader(headers.createEventHeader(event));
        subscribe.addHeader(headers.createExpiresHeader(expiresSeconds));
        sip.userAgent(subscribe);
        Response response = sip.send(subscribe);
        return response == null ? -1 : response.getStatusCode();
    }

    /** The next NOTIFY received after the {@code seen} first ones, waiting up to timeout; null when none. */
    public Request awaitNotify(int seen, Duration timeout) throws InterruptedException {
        var count = new java.util.concurrent.atomic.AtomicInteger();
        return received.await(r -> Request.NOTIFY.equals(r.getMethod()) && count.incrementAndGet() > seen, timeout);
    }

    /** RING_THEN_OK: 180, then 200 (SDP answer, or offer if the INVITE had none) after {@code ringTime}. */
    public void answerWith(Answer mode, Duration ringTime) {
        answerMode = new AnswerMode(mode, ringTime == null ? Duration.ZERO : ringTime);
    }

    /**
     * From now on, answer each re-INVITE {@code delay} after it arrives rather than at once (zero: at
     * once), so that a re-INVITE of this phone's own can be under way at the same time (glare).
     */
    public void answerReInvitesAfter(Duration delay) {
        sip.reInviteAnswerDelay = delay;
    }

    /**
     * From now on, this phone's calls send CANCEL the moment their 2xx arrives, just before the ACK: as if
     * the user had given up a moment before and the CANCEL and the 2xx had crossed on the wire.
     */
    public void cancelAsAnswered() {
        sip.cancelCrossingAnswers = true;
    }

    /** The next incoming call (INVITE received), waiting up to timeout; null when none. */
    public IncomingCall nextIncomingCall(Duration timeout) throws InterruptedException {
        return incoming.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * INVITE {@code target}: a bare target (an extension, a feature code) goes to
     * sip:&lt;target&gt;@127.0.0.1:&lt;serverPort&gt;, a "sip:" URI is sent there as it is. With our SDP
     * offer when {@code withSdp}, else none (delayed offer). Returns at once; the 407 is answered by the
     * phone. {@code extraHeaders} are raw "Name: value" strings added to the INVITE.
     */
    public OutgoingCall call(String target, boolean withSdp, String... extraHeaders) throws Exception {
        HeaderFactory headers = sip.headers;
        URI uri = target.startsWith("sip:")
                ? sip.addresses.createURI(target)
                // RFC 3261 §25.1: '#' is not allowed unescaped in the user part; "%23" comes through as is.
                : sip.addresses.createURI("sip:" + target.replace("#", "%23") + "@" + PhoneSip.SERVER_HOST + ":" + serverPort);
        CallIdHeader callId = sip.provider.getNewCallId();
        Address from = sip.addresses.createAddress(sip.addresses.createSipURI(extension, DOMAIN));
        Request invite = sip.messages.createRequest(uri, Request.INVITE, callId,
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
                headers.createToHeader(sip.addresses.createAddress(uri), null),
                List.of(sip.via()), headers.createMaxForwardsHeader(70));
        invite.addHeader(sip.contact());
        sip.userAgent(invite);
        for (String raw : extraHeaders) {
            int colon = raw.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("not a \"Name: value\" header: " + raw);
            }
            invite.setHeader(headers.createHeader(raw.substring(0, colon).trim(), raw.substring(colon + 1).trim()));
        }
        if (withSdp) {
            sip.sdpBody(invite, sip.sdp(Sdp.SENDRECV));
        }
        var call = new Outgoing(sip, invite);
        calls.put(call.callId(), call);
        call.start(invite);
        return call;
    }

    /** Every SIP request this phone received, in order, for header assertions. */
    public List<Request> receivedRequests() {
        return received.snapshot();
    }

    /** This phone's RTP socket; its port is in every SDP the phone makes. */
    public Media media() {
        return media;
    }

    /** Stops the stack and closes the sockets, without hanging up calls still going. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        answering.shutdownNow();
        media.close();
        try {
            sip.provider.removeSipListener(listener);
            stack.deleteListeningPoint(listeningPoint);
        } catch (Exception | Error e) {
            // The RI starts a UDP listening point's reader on a thread of its own and fails to stop it
            // (NullPointerException) if that thread has not run yet; the socket is closed by then.
            LOG.log(Level.FINE, "test phone " + extension + ": closing its listening point", e);
        }
        // The socket is closed; what is left is the RI's stop(), which sleeps a whole second at its end
        // (SIPTransactionStack.stopStack) and need not hold up the test.
        var stopper = new Thread(() -> {
            try {
                stack.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "test phone " + extension + ": stopping its stack", e);
            }
        }, "test-phone-" + extension + "-stop");
        stopper.setDaemon(true);
        stopper.start();
    }

    private void ringing(RequestEvent event) throws Exception {
        var call = new Incoming(sip, event);
        calls.put(call.callId(), call);
        incoming.add(call);
        AnswerMode mode = answerMode;
        switch (mode.answer()) {
            case RING_THEN_OK -> {
                call.ring();
                answering.schedule(() -> answerLogged(call), mode.ringTime().toNanos(), TimeUnit.NANOSECONDS);
            }
            case RING_ONLY -> call.ring();
            case BUSY_486 -> call.refuse(Response.BUSY_HERE);
            case DECLINE_603 -> call.refuse(Response.DECLINE);
            case OK_IMMEDIATELY -> call.answer();
            case OK_CROSSING_CANCEL -> {
                call.answerWhenCancelled();
                call.ring();
            }
        }
    }

    private void answerLogged(Incoming call) {
        try {
            call.answer();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "test phone " + extension + " could not answer call " + call.callId(), e);
        }
    }

    private static Properties stackProperties(String extension) {
        var properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "test-phone-" + extension + "-" + STACKS.incrementAndGet());
        // The phone makes its own server transactions and dialogs, as the server under test does.
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("javax.sip.ROUTER_PATH", PhoneRouter.class.getName());
        properties.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        // Off: the RI's check of a CANCEL's INVITE transaction before sending it; cancelAsAnswered() sends a
        // CANCEL whose INVITE has its 2xx already, on purpose.
        properties.setProperty("gov.nist.javax.sip.CANCEL_CLIENT_TRANSACTION_CHECKED", "false");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", QuietSipLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietSipLog.class.getName());
        return properties;
    }

    /** The RI refuses port 0 ("bad port"), so a free port is found first, and another if it is gone by then. */
    private static ListeningPoint listen(SipStack stack, InetAddress host, String transport) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            try {
                return stack.createListeningPoint(host.getHostAddress(), freePort(host, transport), transport);
            } catch (Exception taken) {
                last = taken;
            }
        }
        throw last;
    }

    private static int freePort(InetAddress host, String transport) throws IOException {
        var address = new InetSocketAddress(host, 0);
        if (transport.equals("udp")) {
            try (var socket = new DatagramSocket(address)) {
                return socket.getLocalPort();
            }
        }
        try (var socket = new ServerSocket()) {
            socket.bind(address);
            return socket.getLocalPort();
        }
    }
}
