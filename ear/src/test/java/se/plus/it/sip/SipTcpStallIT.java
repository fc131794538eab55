package se.plus.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * TCP connections that send half a request and stall: each is closed after the stack's read timeout
 * (READ_TIMEOUT, 2 s), and 1,000 of them held open at once (each one closed is replaced at once) do
 * not stop a phone from registering over UDP and TCP or from placing a call (a feature-code call:
 * INVITE, 200, ACK, BYE over TCP).
 */
@ExtendWith(ArquillianExtension.class)
class SipTcpStallIT {

    private static final int STALLED = 1000;
    private static final byte[] HALF = ("REGISTER sip:plus.local SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bKstall\r\n"
            + "From: <sip:stall@plus.local>;tag=1\r\n").getBytes(StandardCharsets.ISO_8859_1);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void stalledConnectionsAreClosedAfterTheReadTimeoutAndDoNotStopRegistrationsOrCalls() throws Exception {
        SipUser user = TestUsers.create("Stall Survivor");
        try (var lone = new Stalls()) {
            lone.open(1);
            lone.stop.set(true);
            lone.keepOpen();
            long alone = lone.sortedLifetimesMillis().get(0);
            assertTrue(alone >= 1900 && alone < 5000, "a lone stalled connection is closed after the read timeout (2 s): "
                    + alone + " ms");
        }
        try (var stalls = new Stalls()) {
            stalls.open(STALLED);
            var keeping = new Thread(stalls::keepOpen, "stall-keeper");
            keeping.start();

            Sipp.Run udp = Sipp.run("register", List.of(user.extension() + ";" + user.authentication()), "127.0.0.1", "udp");
            Sipp.Run tcp = Sipp.run("register", List.of(user.extension() + ";" + user.authentication()), "127.0.0.1", "tcp");
            Sipp.Run call = Sipp.run("feature-done",
                    List.of(user.extension() + ";" + user.authentication() + ";*21*0701234567%23"), "127.0.0.1", "tcp");
            int heldDuring = stalls.open.get();
            // No more replacements: the server must now close every stalled connection still open.
            stalls.stop.set(true);
            keeping.join();
            List<Long> lifetimes = stalls.sortedLifetimesMillis();
            System.out.printf("stall: %d held during the registrations and the call, %d closed by the server, %d still open;"
                    + " lifetimes ms: min %d, median %d, p90 %d, max %d%n", heldDuring, lifetimes.size(), stalls.open.get(),
                    lifetimes.get(0), lifetimes.get(lifetimes.size() / 2), lifetimes.get(lifetimes.size() * 9 / 10),
                    lifetimes.get(lifetimes.size() - 1));

            int answeredAfter = 0;
            for (int i = 0; i < 20; i++) {
                answeredAfter += tcpOptionsAnswered() ? 1 : 0;
            }
            Sipp.Run tcpAfter = Sipp.run("register", List.of(user.extension() + ";" + user.authentication()), "127.0.0.1", "tcp");

            assertTrue(udp.passed(), "UDP registration: " + udp);
            assertTrue(tcp.passed(), "TCP registration: " + tcp);
            assertTrue(call.passed(), "a call (feature code) over TCP: " + call);
            assertTrue(heldDuring >= STALLED * 9 / 10, "stalled connections held during the test: " + heldDuring);
            assertEquals(0, stalls.open.get(), "stalled connections the server has not closed within 60 s");
            // Under the flood the server takes a while to accept each connection (two stack threads each),
            // so a lifetime seen from the client is the accept delay plus the read timeout; never less.
            assertTrue(lifetimes.get(0) >= 1900, "closed before the read timeout: " + lifetimes.get(0) + " ms");
            assertEquals(0, stalls.refused.get(), "connections refused while the stall went on");
            assertEquals(20, answeredAfter, "TCP OPTIONS answered once the stalled connections are gone");
            assertTrue(tcpAfter.passed(), "TCP registration once the stalled connections are gone: " + tcpAfter);
        }
    }

    /** One OPTIONS over a new TCP connection: answered 200 within 5 s? */
    private static boolean tcpOptionsAnswered() throws IOException {
        try (var socket = new java.net.Socket("127.0.0.1", PlusServer.sipPort())) {
            socket.setSoTimeout(5000);
            String id = java.util.UUID.randomUUID().toString();
            String options = "OPTIONS sip:100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:" + socket.getLocalPort()
                    + ";rport;branch=z9hG4bK" + id + "\r\nMax-Forwards: 70\r\nFrom: <sip:it@127.0.0.1>;tag=" + id.substring(0, 8)
                    + "\r\nTo: <sip:100@127.0.0.1>\r\nCall-ID: " + id + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            socket.getOutputStream().write(options.getBytes(StandardCharsets.ISO_8859_1));
            byte[] answer = new byte[12];
            return socket.getInputStream().readNBytes(answer, 0, 12) == 12
                    && new String(answer, StandardCharsets.ISO_8859_1).equals("SIP/2.0 200 ");
        } catch (java.net.SocketTimeoutException silence) {
            return false;
        }
    }

    /** Non-blocking: one thread holds a thousand connections and notices each one the server closes. */
    private static final class Stalls implements AutoCloseable {
        final Selector selector = Selector.open();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        private final List<Long> lifetimes = Collections.synchronizedList(new ArrayList<>());

        Stalls() throws IOException {
        }

        void open(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                openOne();
            }
        }

        private void openOne() throws IOException {
            SocketChannel channel;
            try {
                channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", PlusServer.sipPort()));
            } catch (IOException refusedOrReset) {
                refused.incrementAndGet();
                return;
            }
            channel.write(ByteBuffer.wrap(HALF));
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, System.nanoTime());
            open.incrementAndGet();
        }

        void keepOpen() {
            var buffer = ByteBuffer.allocate(4096);
            try {
                long giveUpAt = Long.MAX_VALUE;
                while (!stop.get() || open.get() > 0 && System.nanoTime() < giveUpAt) {
                    if (stop.get() && giveUpAt == Long.MAX_VALUE) {
                        giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    }
                    selector.select(200);
                    for (SelectionKey key : selector.selectedKeys()) {
                        var channel = (SocketChannel) key.channel();
                        buffer.clear();
                        int read;
                        try {
                            read = channel.read(buffer);
                        } catch (IOException reset) {
                            read = -1;
                        }
                        if (read < 0) {
                            lifetimes.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - (Long) key.attachment()));
                            key.cancel();
                            channel.close();
                            open.decrementAndGet();
                            if (!stop.get()) {
                                openOne();
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
            } catch (IOException failure) {
                throw new IllegalStateException(failure);
            }
        }

        List<Long> sortedLifetimesMillis() {
            var copy = new ArrayList<>(lifetimes);
            Collections.sort(copy);
            return copy;
        }

        @Override
        public void close() throws IOException {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }
    }
}
