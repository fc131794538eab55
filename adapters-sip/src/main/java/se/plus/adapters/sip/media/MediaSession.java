package se.plus.adapters.sip.media;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The media of one call anchored on the relay: side A (the caller) sends to {@link #portA()}, side B
 * (the callee, or whichever callee answers) to {@link #portB()}, and each side's packets leave through
 * the other side's socket. RTCP uses the port above each (RFC 3550 §11).
 *
 * <p>Lifecycle: {@link MediaRelay#open()} binds the four sockets; {@link #remoteA}/{@link #remoteB}
 * are set from each side's SDP as offers and answers arrive (again on re-INVITE, hold, a new callee);
 * the first packet after each of them latches onto its real source; {@link #close()} at the end of the
 * call gives the ports back.
 */
public final class MediaSession implements AutoCloseable {

    private final MediaRelay relay;
    private final RelayLoop loop;
    private final int portA;
    private final int portB;
    private final RelayLeg rtpA;
    private final RelayLeg rtcpA;
    private final RelayLeg rtpB;
    private final RelayLeg rtcpB;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile long lastPacketNanos;

    MediaSession(MediaRelay relay, RelayLoop loop, BoundPair a, BoundPair b, long openedNanos) {
        this.relay = relay;
        this.loop = loop;
        this.portA = a.rtpPort();
        this.portB = b.rtpPort();
        this.rtpA = new RelayLeg(this, a.rtp(), true);
        this.rtcpA = new RelayLeg(this, a.rtcp(), false);
        this.rtpB = new RelayLeg(this, b.rtp(), true);
        this.rtcpB = new RelayLeg(this, b.rtcp(), false);
        rtpA.pairWith(rtpB);
        rtcpA.pairWith(rtcpB);
        this.lastPacketNanos = openedNanos;
    }

    /** An RTP port and the RTCP port above it, both bound. */
    record BoundPair(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {
    }

    /** The RTP port in the SDP we send to side A (the caller); RTCP is the port above. */
    public int portA() {
        return portA;
    }

    /** The RTP port in the SDP we send to side B (the callee or callees). */
    public int portB() {
        return portB;
    }

    public String address() {
        return relay.address();
    }

    /**
     * Where side A's SDP says it receives RTP (RTCP on the port above). Null, port 0 or 0.0.0.0 mean
     * unknown or on hold: nothing is sent to A until a packet from A latches.
     */
    public void remoteA(InetSocketAddress declared) {
        declare(rtpA, rtcpA, declared);
    }

    /** As {@link #remoteA}, for side B. */
    public void remoteB(InetSocketAddress declared) {
        declare(rtpB, rtcpB, declared);
    }

    private static void declare(RelayLeg rtp, RelayLeg rtcp, InetSocketAddress declared) {
        boolean known = declared != null && declared.getPort() > 0 && !declared.isUnresolved()
                && !declared.getAddress().isAnyLocalAddress();
        rtp.declare(known ? declared : null);
        rtcp.declare(known && declared.getPort() < 65535
                ? new InetSocketAddress(declared.getAddress(), declared.getPort() + 1) : null);
    }

    /** Where side A's phone receives RTP now (latched or declared); null when unknown. */
    public InetSocketAddress addressA() {
        return rtpA.remoteAddress();
    }

    public InetSocketAddress addressB() {
        return rtpB.remoteAddress();
    }

    /**
     * RFC 4733 digits that side A ({@code sideA}) or B sends with {@code payloadType} go to {@code keyed},
     * on the relay thread (hand them on, do not block). A payload type below 0 stops watching.
     */
    public void watchDigits(boolean sideA, int payloadType, java.util.function.Consumer<Character> keyed) {
        RelayLeg leg = sideA ? rtpA : rtpB;
        leg.watchDigits(payloadType < 0 ? null
                : new RelayLeg.DigitWatch(new se.plus.adapters.sip.incall.TelephoneEvents(payloadType), keyed));
    }

    /**
     * An announced transfer: side B (the user) talks to {@code other}'s side B (the consulted party),
     * side A (the caller) hears nobody meanwhile.
     */
    public void consultThrough(MediaSession other) {
        rtpA.isolate();
        rtcpA.isolate();
        rtpB.pairWith(other.rtpB);
        rtcpB.pairWith(other.rtcpB);
    }

    /** The transfer completed: side A (the caller) talks to {@code other}'s side B; side B is left. */
    public void handOverTo(MediaSession other) {
        rtpB.isolate();
        rtcpB.isolate();
        rtpA.pairWith(other.rtpB);
        rtcpA.pairWith(other.rtcpB);
    }

    /** Taken back: A and B talk to each other again. */
    public void rejoin() {
        rtpA.pairWith(rtpB);
        rtcpA.pairWith(rtcpB);
    }

    /** RTP packets received from side A (RTCP not counted), relayed or not. */
    public long packetsFromA() {
        return rtpA.received();
    }

    public long packetsFromB() {
        return rtpB.received();
    }

    /** RTP packets sent on to side A (RTCP not counted). */
    public long packetsToA() {
        return rtpA.sent();
    }

    public long packetsToB() {
        return rtpB.sent();
    }

    /** {@link System#nanoTime()} of the last RTP or RTCP packet from either side, or of opening. */
    public long lastPacketNanos() {
        return lastPacketNanos;
    }

    void packetArrived(long nanos) {
        lastPacketNanos = nanos;
    }

    public boolean isOpen() {
        return open.get();
    }

    /** The selector thread relaying this session's four sockets. */
    RelayLoop loop() {
        return loop;
    }

    List<RelayLeg> legs() {
        return List.of(rtpA, rtcpA, rtpB, rtcpB);
    }

    /** Idempotent, from any thread; the four ports are free again when this returns. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            relay.release(this);
        }
    }

    @Override
    public String toString() {
        return "MediaSession[" + address() + " A:" + portA + " B:" + portB + (isOpen() ? "" : " closed") + "]";
    }
}
