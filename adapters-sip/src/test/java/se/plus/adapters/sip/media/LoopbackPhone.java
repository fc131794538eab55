package se.plus.adapters.sip.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** A phone's media socket on loopback: sends datagrams to the relay and waits for what comes back. */
final class LoopbackPhone implements AutoCloseable {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final DatagramSocket socket;

    private LoopbackPhone(DatagramSocket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(1000);
    }

    static LoopbackPhone onAnyPort() throws IOException {
        return new LoopbackPhone(new DatagramSocket(new InetSocketAddress(LOOPBACK, 0)));
    }

    static LoopbackPhone onPort(int port) throws IOException {
        return new LoopbackPhone(new DatagramSocket(new InetSocketAddress(LOOPBACK, port)));
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void sendTo(int port, String text) throws IOException {
        byte[] bytes = text.getBytes();
        socket.send(new DatagramPacket(bytes, bytes.length, LOOPBACK, port));
    }

    /** The next datagram's text and the port it came from. */
    Received receive() throws IOException {
        byte[] bytes = new byte[4096];
        var packet = new DatagramPacket(bytes, bytes.length);
        socket.receive(packet);
        return new Received(new String(Arrays.copyOf(bytes, packet.getLength())), packet.getPort());
    }

    /** Empty when nothing arrives within {@code millis}. */
    Optional<Received> receiveWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return Optional.of(receive());
        } catch (SocketTimeoutException nothing) {
            return Optional.empty();
        } finally {
            socket.setSoTimeout(1000);
        }
    }

    record Received(String text, int fromPort) {
    }

    @Override
    public void close() {
        socket.close();
    }

    /**
     * An even port range of {@code pairs} RTP/RTCP pairs that nothing holds right now, below the
     * ephemeral range so the kernel does not hand its ports to someone else's socket meanwhile.
     */
    static int freeRange(int pairs) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = 2 * ThreadLocalRandom.current().nextInt(10000, 16000);
            if (allFree(base, base + 2 * pairs - 1)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range of " + pairs + " pairs");
    }

    private static boolean allFree(int first, int last) {
        var probes = new java.util.ArrayList<DatagramSocket>();
        try {
            for (int port = first; port <= last; port++) {
                probes.add(new DatagramSocket(new InetSocketAddress(LOOPBACK, port)));
            }
            return true;
        } catch (IOException taken) {
            return false;
        } finally {
            probes.forEach(DatagramSocket::close);
        }
    }
}
