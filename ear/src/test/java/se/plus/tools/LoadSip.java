package se.plus.tools;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The SIP side of every light user agent of the load tool: one UDP socket on 127.0.0.1 that all of
 * them share (each has its own Contact user there), the client transactions with their
 * retransmissions (RFC 3261 §17.1, T1 = 500 ms, T2 = 4 s) and the dispatch of incoming requests to
 * the agent whose user the Request-URI names. One receiving thread; what it hands on must not block.
 */
final class LoadSip implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final long T1_MILLIS = 500;
    private static final long T2_MILLIS = 4000;
    /** Timer D/K: how long a finished transaction still answers retransmitted final responses. */
    private static final long LINGER_MILLIS = 32_000;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final ScheduledExecutorService timers;
    private final Map<String, ClientTransaction> transactions = new ConcurrentHashMap<>();
    private final Map<String, Consumer<LoadSipMessage>> agents = new ConcurrentHashMap<>();
    private final Thread receiver;
    private final AtomicLong sequence = new AtomicLong();
    final AtomicLong retransmissions = new AtomicLong();
    final AtomicLong strayResponses = new AtomicLong();
    final AtomicLong lateFinals = new AtomicLong();
    final AtomicLong unknownUsers = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();

    LoadSip(InetSocketAddress server, ScheduledExecutorService timers) throws SocketException {
        this.server = server;
        this.timers = timers;
        this.socket = new DatagramSocket(new InetSocketAddress(HOST, 0));
        // A burst of 200 INVITEs answered at once must not overflow the kernel's queue.
        socket.setReceiveBufferSize(4 << 20);
        this.receiver = new Thread(this::receive, "load-sip");
        receiver.setDaemon(true);
        receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Requests whose Request-URI names {@code user} go to {@code agent}, on the receiving thread. */
    void serve(String user, Consumer<LoadSipMessage> agent) {
        agents.put(user, agent);
    }

    String newBranch() {
        return "z9hG4bK-load-" + sequence.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
    }

    static String newTag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    String via(String branch) {
        return "Via: SIP/2.0/UDP " + HOST + ":" + port() + ";branch=" + branch + ";rport";
    }

    String contact(String user) {
        return "Contact: <sip:" + user + "@" + HOST + ":" + port() + ">";
    }

    /** sip:user@server, the Request-URI of a call to the server. */
    String serverUri(String user) {
        return "sip:" + (user == null ? "" : user + "@") + server.getHostString() + ":" + server.getPort();
    }

    /**
     * Sends a request to the server and retransmits it until a response (INVITE) or the final response
     * (others) arrives; {@code provisional} sees 1xx responses. The future completes with the final
     * response, or exceptionally with a {@link TimeoutException} after {@code timeout}.
     */
    ClientTransaction request(String wire, String branch, Duration timeout, Consumer<LoadSipMessage> provisional) {
        var transaction = new ClientTransaction(wire, branch, provisional);
        transactions.put(transaction.key, transaction);
        send(wire, server);
        transaction.retransmit = timers.schedule(() -> transaction.retransmit(T1_MILLIS), T1_MILLIS, TimeUnit.MILLISECONDS);
        transaction.timeout = timers.schedule(transaction::timedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
        return transaction;
    }

    /** A request that has no response (ACK) or a response, sent as it is. */
    void send(String wire, InetSocketAddress to) {
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException failed) {
            // A request lost this way times out like any other; UDP on loopback fails only when closing.
            sendFailures.incrementAndGet();
        }
    }

    void sendToServer(String wire) {
        send(wire, server);
    }

    private void receive() {
        var buffer = new byte[65_536];
        while (!socket.isClosed()) {
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            try {
                var message = LoadSipMessage.parse(packet.getData(), packet.getLength(),
                        (InetSocketAddress) packet.getSocketAddress());
                dispatch(message);
            } catch (RuntimeException broken) {
                malformed.incrementAndGet();
            }
        }
    }

    private void dispatch(LoadSipMessage message) {
        if (message.isResponse()) {
            // RFC 3261 §17.1.3: the branch and the CSeq method (a CANCEL shares its INVITE's branch).
            ClientTransaction transaction = transactions.get(message.branch() + " " + message.cseqMethod());
            if (transaction == null) {
                strayResponses.incrementAndGet();
            } else {
                transaction.received(message);
            }
            return;
        }
        Consumer<LoadSipMessage> agent = agents.get(message.requestUser());
        if (agent != null) {
            agent.accept(message);
        } else if (!message.method().equals("ACK")) {
            unknownUsers.incrementAndGet();
            send(message.response(404, "Not Found", newTag(), List.of(), null, null), message.source());
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    /** One request we sent and its responses. */
    final class ClientTransaction {
        final CompletableFuture<LoadSipMessage> finalResponse = new CompletableFuture<>();
        private final String wire;
        private final String key;
        private final boolean invite;
        private final Consumer<LoadSipMessage> provisional;
        private volatile ScheduledFuture<?> retransmit;
        private volatile ScheduledFuture<?> timeout;
        private boolean answered;
        private boolean done;
        private String ack;

        private ClientTransaction(String wire, String branch, Consumer<LoadSipMessage> provisional) {
            this.wire = wire;
            this.key = branch + " " + wire.substring(0, wire.indexOf(' '));
            this.invite = wire.startsWith("INVITE ");
            this.provisional = provisional;
        }

        /** The ACK of a 2xx (sent by the caller, RFC 3261 §13.2.2.4), sent again for each retransmitted 2xx. */
        void ack(String ackWire) {
            synchronized (this) {
                ack = ackWire;
            }
            sendToServer(ackWire);
        }

        private void received(LoadSipMessage response) {
            int status = response.status();
            String resend = null;
            boolean first = false;
            synchronized (this) {
                answered = true;
                if (status >= 200) {
                    if (done) {
                        resend = ack;
                    } else {
                        done = true;
                        first = true;
                        if (invite && status >= 300) {
                            // RFC 3261 §17.1.1.3: the transaction ACKs a failure itself.
                            ack = failureAck(response);
                            resend = ack;
                        }
                    }
                }
            }
            if (resend != null) {
                sendToServer(resend);
            }
            if (status < 200) {
                if (provisional != null) {
                    provisional.accept(response);
                }
            } else if (first) {
                cancelTimers();
                linger();
                if (!finalResponse.complete(response)) {
                    // After our timeout (and CANCEL): a 2xx here would need an ACK and a BYE nobody sends.
                    lateFinals.incrementAndGet();
                }
            }
        }

        private void retransmit(long interval) {
            synchronized (this) {
                if (done || (invite && answered)) {
                    return;
                }
            }
            retransmissions.incrementAndGet();
            sendToServer(wire);
            long next = invite ? interval * 2 : Math.min(interval * 2, T2_MILLIS);
            retransmit = timers.schedule(() -> retransmit(next), next, TimeUnit.MILLISECONDS);
        }

        /** Kept for a late final response, which still gets its ACK (a 487 after our CANCEL). */
        private void timedOut() {
            synchronized (this) {
                if (done) {
                    return;
                }
            }
            cancelTimers();
            linger();
            finalResponse.completeExceptionally(new TimeoutException(wire.substring(0, wire.indexOf(' ')) + " unanswered"));
        }

        private void linger() {
            timers.schedule(() -> transactions.remove(key, this), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        }

        private void cancelTimers() {
            ScheduledFuture<?> pending = retransmit;
            if (pending != null) {
                pending.cancel(false);
            }
            pending = timeout;
            if (pending != null) {
                pending.cancel(false);
            }
        }

        private String failureAck(LoadSipMessage response) {
            byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
            var sent = LoadSipMessage.parse(bytes, bytes.length, null);
            var out = new StringBuilder("ACK ").append(sent.startLine().split(" ")[1]).append(" SIP/2.0\r\n")
                    .append("Via: ").append(sent.header("Via")).append("\r\n")
                    .append("Max-Forwards: 70\r\n")
                    .append("From: ").append(sent.header("From")).append("\r\n")
                    .append("To: ").append(response.header("To")).append("\r\n")
                    .append("Call-ID: ").append(sent.callId()).append("\r\n")
                    .append("CSeq: ").append(sent.cseq()).append(" ACK\r\n");
            return LoadSipMessage.finish(out, List.of(), null, null);
        }
    }
}
