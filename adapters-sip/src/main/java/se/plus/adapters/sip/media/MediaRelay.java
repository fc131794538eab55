package se.plus.adapters.sip.media;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anchors call media on this host: a pool of UDP ports (an even RTP port and the odd RTCP port above
 * it, RFC 3550 §11) and a few selector threads ({@link RelayLoop}s) relaying the packets of every
 * session. Each session stays on one thread; a new one goes to the thread with the fewest. No copies
 * beyond one buffer per thread keep a thousand calls cheap; nothing on those threads ever blocks.
 *
 * <p>Why several threads: one thread relaying for everyone uses enough CPU that the kernel's fair
 * scheduler keeps making it wait behind threads that mostly sleep, and every call's packets wait
 * with it. Split over a few threads, each uses a small share, so it is run sooner when a packet
 * wakes it, a thread left waiting holds up only its share of the calls, and the cores relay in
 * parallel. The price is fewer packets per wake-up, so more CPU per packet (RelayLoad, 200 calls on
 * a busy two-core VM: p99 transit 6.2 ms with one thread, 4.0 ms with four; 13 µs of CPU per packet
 * against 19).
 *
 * <p>Sessions are opened and closed from any thread (the SIP workers). Closing goes through the
 * session's selector thread because a socket registered with a selector is only really closed, its
 * port free for the next bind, once the selector has dropped its key.
 */
public final class MediaRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MediaRelay.class.getName());

    /** Larger datagrams are dropped: audio RTP is a few hundred bytes, and nothing over an MTU is ours. */
    static final int MAX_DATAGRAM = 2048;

    /** Beyond this, threads add wake-ups (CPU per packet) faster than they take off the tail. */
    private static final int MAX_DEFAULT_THREADS = 4;

    private final String address;
    private final InetAddress bindAddress;
    private final ProtocolFamily family;
    private final PortPool pool;
    private final RelayLoop[] loops;
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger portsInUse = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A relay with {@link #defaultSelectorThreads()} selector threads.
     *
     * @param bindAddress the local IP to bind and to advertise in SDP
     * @param portMin first port of the range, even
     * @param portMax last port of the range, inclusive
     * @param threads makes the selector threads
     */
    public MediaRelay(String bindAddress, int portMin, int portMax, ThreadFactory threads) throws IOException {
        this(bindAddress, portMin, portMax, threads, defaultSelectorThreads());
    }

    /** As {@link #MediaRelay(String, int, int, ThreadFactory)}, with {@code selectorThreads} threads. */
    public MediaRelay(String bindAddress, int portMin, int portMax, ThreadFactory threads, int selectorThreads)
            throws IOException {
        if (portMin % 2 != 0 || portMin < 2 || portMax > 65535 || portMax <= portMin) {
            throw new IllegalArgumentException("media ports need an even start and room for a pair: "
                    + portMin + "-" + portMax);
        }
        if (selectorThreads < 1) {
            throw new IllegalArgumentException("the media relay needs a selector thread: " + selectorThreads);
        }
        this.bindAddress = InetAddress.getByName(bindAddress);
        this.address = bindAddress;
        this.family = this.bindAddress instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        this.pool = new PortPool(portMin, portMax);
        this.loops = new RelayLoop[selectorThreads];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new RelayLoop("plus-media-relay-" + (i + 1), threads);
            }
        } catch (IOException | RuntimeException failed) {
            stopLoops();
            closeSelectors();
            throw failed;
        }
    }

    /**
     * Two selector threads per available processor, at most {@value #MAX_DEFAULT_THREADS}. One per
     * core did not measurably shorten the tail on two cores; two per core did (see the class comment).
     */
    public static int defaultSelectorThreads() {
        return Math.min(MAX_DEFAULT_THREADS, 2 * Runtime.getRuntime().availableProcessors());
    }

    public int selectorThreads() {
        return loops.length;
    }

    /** A session with four fresh ports, or empty when the pool has no pair left for both sides. */
    public Optional<MediaSession> open() {
        if (closed.get()) {
            return Optional.empty();
        }
        // Each candidate is tried at most once per call: a port held by another process goes to the
        // back of the ring and we move on.
        int[] candidates = {pool.free()};
        MediaSession.BoundPair a = bindPair(candidates);
        if (a == null) {
            return Optional.empty();
        }
        MediaSession.BoundPair b = bindPair(candidates);
        if (b == null) {
            unbind(a);
            return Optional.empty();
        }
        var session = new MediaSession(this, leastBusyLoop(), a, b, System.nanoTime());
        portsInUse.addAndGet(4);
        sessions.add(session);
        try {
            session.loop().register(session);
        } catch (IOException | ClosedSelectorException relayClosed) {
            LOG.log(Level.FINE, "media relay closed while opening a session", relayClosed);
            session.close();
            return Optional.empty();
        }
        if (closed.get()) {
            session.close();
            return Optional.empty();
        }
        return Optional.of(session);
    }

    /**
     * The loop with the fewest sessions, so calls that end unevenly do not leave one thread with most
     * of the rest; the search starts one further each time, so ties go round.
     */
    private RelayLoop leastBusyLoop() {
        int start = Math.floorMod(nextLoop.getAndIncrement(), loops.length);
        RelayLoop least = loops[start];
        for (int i = 1; i < loops.length; i++) {
            RelayLoop loop = loops[(start + i) % loops.length];
            if (loop.sessions() < least.sessions()) {
                least = loop;
            }
        }
        return least;
    }
    private MediaSession.BoundPair bindPair(int[] candidates) {
        while (candidates[0]-- > 0) {
            int port = pool.take();
            if (port < 0) {
                return null;
            }
            DatagramChannel rtp = null;
            try {
                rtp = bound(port);
                return new MediaSession.BoundPair(port, rtp, bound(port + 1));
            } catch (IOException taken) {
                LOG.log(Level.FINE, "media port pair " + port + " not bindable, trying the next", taken);
                closeQuietly(rtp);
                pool.give(port);
            }
        }
        return null;
    }

    private DatagramChannel bound(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.bind(new InetSocketAddress(bindAddress, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException | RuntimeException failed) {
            channel.close();
            throw failed;
        }
    }

    private void unbind(MediaSession.BoundPair pair) {
        closeQuietly(pair.rtp());
        closeQuietly(pair.rtcp());
        pool.give(pair.rtpPort());
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                LOG.log(Level.FINE, "media socket did not close cleanly", ignored);
            }
        }
    }

    public String address() {
        return address;
    }

    /** The relay's port pairs, which the built-in voicemail draws from too: one range for all media. */
    public PortPool ports() {
        return pool;
    }

    /** Ports bound by open sessions, four each. */
    public int portsInUse() {
        return portsInUse.get();
    }

    public int sessions() {
        return sessions.size();
    }

    /** Sessions per selector thread, in thread order. */
    int[] sessionsPerThread() {
        int[] counts = new int[loops.length];
        for (int i = 0; i < loops.length; i++) {
            counts[i] = loops[i].sessions();
        }
        return counts;
    }

    /** Called once per session by {@link MediaSession#close()}; its ports are free when this returns. */
    void release(MediaSession session) {
        sessions.remove(session);
        try {
            session.loop().release(session);
        } finally {
            pool.give(session.portA());
            pool.give(session.portB());
            portsInUse.addAndGet(-4);
        }
    }

    /** Closes every session, then the selector threads. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        stopLoops();
        for (MediaSession session : sessions) {
            session.close();
        }
        closeSelectors();
    }

    private void stopLoops() {
        for (RelayLoop loop : loops) {
            if (loop != null) {
                loop.stop();
            }
        }
    }

    private void closeSelectors() {
        for (RelayLoop loop : loops) {
            if (loop != null) {
                loop.closeSelector();
            }
        }
    }
}
