package se.plus.it.call;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One RTP socket on a loopback address: sends PCMU packets (12-byte RTP header + 160 bytes) to the address in the
 * remote SDP, counts packets received. A background thread counts every datagram that looks like RTP
 * (version 2, at least a header long), whoever sent it.
 */
public final class Media {

    private static final int HEADER = 12;
    /** 20 ms of PCMU at 8 kHz, one byte a sample. */
    private static final int SAMPLES = 160;
    private static final long PACKET_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** PCMU's encoding of zero amplitude: silence a test can hear as "no audio" if it ever listened. */
    private static final byte PCMU_SILENCE = (byte) 0xFF;

    private final DatagramSocket socket;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private long received;

    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private int sequence = ThreadLocalRandom.current().nextInt(0x10000);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;

    Media(InetAddress host) throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(host, 0));
        var receiver = new Thread(this::receive, "rtp-" + socket.getLocalPort());
        receiver.setDaemon(true);
        receiver.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Send {@code count} packets at 50/s to host:port (blocking, ~20 ms apart). */
    public synchronized void send(String host, int port, int count) throws IOException, InterruptedException {
        InetAddress to = InetAddress.getByName(host);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            // Paced against the start, not the previous packet, so a late wake-up does not stretch the stream.
            long early = start + i * PACKET_INTERVAL_NANOS - System.nanoTime();
            if (early > 0) {
                TimeUnit.NANOSECONDS.sleep(early);
            }
            byte[] packet = nextPacket();
            socket.send(new DatagramPacket(packet, packet.length, to, port));
        }
    }

    /** Send to the audio address:port in this SDP (its c= and m=audio lines). */
    public void sendTo(String sdp, int count) throws Exception {
        if (sdp == null) {
            throw new IllegalArgumentException("no SDP to send to");
        }
        InetSocketAddress audio = Sdp.audioAddress(sdp);
        send(audio.getHostString(), audio.getPort(), count);
    }

    /**
     * Keys pressed in the call as RFC 4733 telephone-events ({@code 0-9 * #}) to the audio address in
     * {@code sdp}: per key two packets while it is held and the end packet three times, as phones send them.
     */
    public synchronized void sendKeys(String sdp, String keys) throws Exception {
        InetSocketAddress audio = Sdp.audioAddress(sdp);
        int sequence = 1000;
        int timestamp = 50_000;
        for (char key : keys.toCharArray()) {
            int event = key == '*' ? 10 : key == '#' ? 11 : key - '0';
            timestamp += 1600;
            for (int i = 0; i < 5; i++) {
                boolean end = i >= 2;
                int duration = 160 * (Math.min(i, 2) + 1);
                byte[] packet = new byte[16];
                packet[0] = (byte) 0x80;
                packet[1] = (byte) ((i == 0 ? 0x80 : 0) | Sdp.TELEPHONE_EVENT);
                packet[2] = (byte) (sequence >> 8);
                packet[3] = (byte) sequence++;
                packet[4] = (byte) (timestamp >> 24);
                packet[5] = (byte) (timestamp >> 16);
                packet[6] = (byte) (timestamp >> 8);
                packet[7] = (byte) timestamp;
                packet[8] = 0x12;
                packet[9] = 0x34;
                packet[10] = 0x56;
                packet[11] = 0x78;
                packet[12] = (byte) event;
                packet[13] = (byte) ((end ? 0x80 : 0) | 10);
                packet[14] = (byte) (duration >> 8);
                packet[15] = (byte) duration;
                socket.send(new DatagramPacket(packet, packet.length, new InetSocketAddress(audio.getHostString(), audio.getPort())));
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    public long received() {
        lock.lock();
        try {
            return received;
        } finally {
            lock.unlock();
        }
    }

    /** Wait until at least n packets received, or timeout; returns {@link #received()}. */
    public long awaitReceived(long n, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (received < n && left > 0) {
                left = arrived.awaitNanos(left);
            }
            return received;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        socket.close();
    }

    private byte[] nextPacket() {
        var packet = ByteBuffer.allocate(HEADER + SAMPLES);
        packet.put((byte) 0x80); // version 2, no padding, no extension, no CSRC
        packet.put((byte) 0);    // no marker, payload type 0 = PCMU
        packet.putShort((short) sequence);
        packet.putInt((int) timestamp);
        packet.putInt(ssrc);
        byte[] payload = new byte[SAMPLES];
        Arrays.fill(payload, PCMU_SILENCE);
        packet.put(payload);
        sequence = (sequence + 1) & 0xFFFF;
        timestamp = (timestamp + SAMPLES) & 0xFFFFFFFFL;
        return packet.array();
    }

    private void receive() {
        var buffer = new byte[2048];
        while (!socket.isClosed()) {
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            if (packet.getLength() >= HEADER && (buffer[0] & 0xC0) == 0x80) {
                lock.lock();
                try {
                    received++;
                    arrived.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
