package se.plus.adapters.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plays tones to many phones from one send-only UDP socket on one clock thread: every 20 ms each
 * active stream sends its next frame. One thread and one socket for all calls keep a thousand
 * concurrent tones cheap; what happens after a tone (a BYE, a final response) is handed to
 * {@code afterwards} so the clock never waits on the SIP stack.
 */
final class TonePlayer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TonePlayer.class.getName());

    private final DatagramChannel socket;
    private final ScheduledExecutorService clock;
    private final Executor afterwards;
    private final int maxStreams;
    private final ConcurrentLinkedQueue<RtpStream> streams = new ConcurrentLinkedQueue<>();
    private final AtomicInteger active = new AtomicInteger();
    private final ByteBuffer buffer = ByteBuffer.allocate(RtpStream.maxPacketSize());
    private final ScheduledFuture<?> tick;

    TonePlayer(String bindAddress, ScheduledExecutorService clock, Executor afterwards, int maxStreams) throws IOException {
        InetSocketAddress local = new InetSocketAddress(bindAddress, 0);
        this.socket = DatagramChannel.open(local.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        this.socket.bind(local);
        this.socket.configureBlocking(false);
        this.clock = clock;
        this.afterwards = afterwards;
        this.maxStreams = maxStreams;
        this.tick = clock.scheduleAtFixedRate(this::sendFrames, Tone.FRAME_MILLIS, Tone.FRAME_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The port our SDP names: the source of every tone. */
    int port() {
        try {
            return ((InetSocketAddress) socket.getLocalAddress()).getPort();
        } catch (IOException closed) {
            throw new IllegalStateException(closed);
        }
    }

    /**
     * Starts a tone; {@code whenPlayed} runs after its last frame unless the stream is stopped first.
     * Beyond {@code maxStreams} the tone is skipped (the call still ends as it would): under overload
     * the state change matters, the beep does not.
     */
    RtpStream play(InetSocketAddress to, Tone tone, Runnable whenPlayed) {
        var stream = new RtpStream(to, tone.frames(), whenPlayed);
        if (to == null || active.incrementAndGet() > maxStreams) {
            if (to != null) {
                active.decrementAndGet();
            }
            clock.schedule(() -> finish(stream), tone.millis(), TimeUnit.MILLISECONDS);
            return stream;
        }
        streams.add(stream);
        return stream;
    }

    private void sendFrames() {
        try {
            for (Iterator<RtpStream> it = streams.iterator(); it.hasNext(); ) {
                RtpStream stream = it.next();
                if (stream.hasNext()) {
                    send(stream);
                }
                if (!stream.hasNext()) {
                    it.remove();
                    active.decrementAndGet();
                    finish(stream);
                }
            }
        } catch (RuntimeException unexpected) {
            // A periodic task that throws is never run again: no tone would ever end.
            LOG.log(Level.WARNING, "tone clock", unexpected);
        }
    }

    private void send(RtpStream stream) {
        try {
            socket.send(stream.nextPacket(buffer), stream.destination());
        } catch (IOException | RuntimeException unreachable) {
            LOG.log(Level.FINE, "RTP to " + stream.destination(), unreachable);
        }
    }

    private void finish(RtpStream stream) {
        try {
            afterwards.execute(stream::complete);
        } catch (RuntimeException rejected) {
            stream.complete();
        }
    }

    @Override
    public void close() {
        tick.cancel(false);
        try {
            socket.close();
        } catch (IOException ignored) {
            LOG.log(Level.FINE, "closing the RTP socket", ignored);
        }
    }
}
