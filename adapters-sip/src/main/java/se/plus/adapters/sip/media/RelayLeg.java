package se.plus.adapters.sip.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One of a session's four sockets (side A or B, RTP or RTCP) and where that side's packets go. What
 * arrives here leaves through the {@code peer} socket (the same kind on the other side), so each phone
 * only ever talks to the port our SDP gave it.
 */
final class RelayLeg {

    private static final Logger LOG = Logger.getLogger(RelayLeg.class.getName());

    /**
     * The address this side receives on; {@code latched} once a packet from it has been seen. Replaced
     * whole, so latching can compare-and-set against a new declared address set at the same moment.
     */
    record Remote(InetSocketAddress address, boolean latched) {
        static final Remote UNKNOWN = new Remote(null, false);
    }

    final DatagramChannel channel;
    private final MediaSession session;
    private final boolean rtp;
    private final AtomicReference<Remote> remote = new AtomicReference<>(Remote.UNKNOWN);
    /** Where this side's packets go: the other side of the call, or of a transfer's second session; null drops them. */
    private volatile RelayLeg peer;
    /** RFC 4733 digits in what this side sends (RTP sockets only), and who hears of them. */
    private volatile DigitWatch digits;
    // One writer (the session's selector thread), so volatile is enough for readers elsewhere.
    private volatile long received;
    private volatile long sent;

    RelayLeg(MediaSession session, DatagramChannel channel, boolean rtp) {
        this.session = session;
        this.channel = channel;
        this.rtp = rtp;
    }

    /** Packets arriving here leave through {@code other}'s socket towards its phone, and the other way round. */
    void pairWith(RelayLeg other) {
        this.peer = other;
        other.peer = this;
    }

    /** This side's packets go nowhere (the caller waits while a transfer is announced). */
    void isolate() {
        this.peer = null;
    }

    /** Where this side's phone receives: the latched source, else its SDP's address; null when unknown. */
    InetSocketAddress remoteAddress() {
        return remote.get().address();
    }

    void watchDigits(DigitWatch watch) {
        this.digits = watch;
    }

    /** A payload type's RFC 4733 events and where the digits go; one per RTP socket. */
    record DigitWatch(se.plus.adapters.sip.incall.TelephoneEvents events, java.util.function.Consumer<Character> keyed) {
    }

    /** A new declared address; the next packet arriving here may latch over it again. */
    void declare(InetSocketAddress address) {
        remote.set(address == null ? Remote.UNKNOWN : new Remote(address, false));
    }

    long received() {
        return received;
    }

    long sent() {
        return sent;
    }

    /**
     * Relays one datagram waiting on this socket; only ever on the session's selector thread. One per
     * readiness: a socket with more waiting is simply ready again in the next round, which spares the
     * extra receive that finds nothing (that cost a fifth more relay CPU in RelayLoad with one thread,
     * and gained nothing with four) and takes the ready sockets in turns, so one flooded port cannot
     * starve the others.
     */
    void relay(ByteBuffer buffer) {
        try {
            buffer.clear();
            var source = (InetSocketAddress) channel.receive(buffer);
            if (source != null) {
                forward(buffer, source);
            }
        } catch (IOException | RuntimeException failed) {
            // One bad packet or a socket closed under us: the relay thread carries on.
            LOG.log(Level.FINE, "media packet not relayed", failed);
        }
    }

    private void forward(ByteBuffer buffer, InetSocketAddress source) throws IOException {
        session.packetArrived(System.nanoTime());
        if (rtp) {
            received++;
        }
        if (buffer.position() > MediaRelay.MAX_DATAGRAM) {
            // The buffer is one byte larger than any datagram we relay, so a full one was truncated.
            return;
        }
        latchOnto(source);
        buffer.flip();
        DigitWatch watch = digits;
        if (watch != null) {
            watch.events().packet(buffer).ifPresent(watch.keyed());
        }
        RelayLeg to = peer;
        InetSocketAddress destination = to == null ? null : to.remote.get().address();
        if (destination == null) {
            return;
        }
        if (to.channel.send(buffer, destination) > 0 && rtp) {
            to.sent++;
        }
    }

    /**
     * Symmetric RTP (RFC 4961) and latching (RFC 7362 §3): a phone behind NAT sends from an address
     * other than the one in its SDP, and only packets sent back to that source get through its NAT.
     */
    private void latchOnto(InetSocketAddress source) {
        Remote current = remote.get();
        if (!current.latched()) {
            remote.compareAndSet(current, new Remote(source, true));
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            LOG.log(Level.FINE, "media socket did not close cleanly", ignored);
        }
    }
}
