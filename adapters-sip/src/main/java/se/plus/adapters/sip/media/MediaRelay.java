package se.plus.adapters.sip.media;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anchors call media on this host: a pool of UDP ports (an even RTP port and the odd RTCP port above
 * it, RFC 3550 §11) and one selector thread relaying the packets of every session. One thread and no
 * copies beyond one buffer keep a thousand calls cheap; nothing on that thread ever blocks.
 *
 * <p>Sessions are opened and closed from any thread (the SIP workers). Closing goes through the
 * selector thread because a socket registered with a selector is only really closed, its port free
 * for the next bind, once the selector has dropped its key.
 */
public final class MediaRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MediaRelay.class.getName());

    /** Larger datagrams are dropped: audio RTP is a few hundred bytes, and nothing over an MTU is ours. */
    static final int MAX_DATAGRAM = 2048;

    private static final long RELEASE_WAIT_MILLIS = 1000;

    private final String address;
    private final InetAddress bindAddress;
    private final ProtocolFamily family;
    private final PortPool pool;
    private final Selector selector;
    private final Thread selectorThread;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM + 1);
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
    private final Queue<Release> releases = new ConcurrentLinkedQueue<>();
    private final AtomicInteger portsInUse = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param bindAddress the local IP to bind and to advertise in SDP
     * @param portMin first port of the range, even
     * @param portMax last port of the range, inclusive
     * @param threads makes the one selector thread
     */
    public MediaRelay(String bindAddress, int portMin, int portMax, ThreadFactory threads) throws IOException {
        if (portMin % 2 != 0 || portMin < 2 || portMax > 65535 || portMax <= portMin) {
            throw new IllegalArgumentException("media ports need an even start and room for a pair: "
                    + portMin + "-" + portMax);
        }
        this.bindAddress = InetAddress.getByName(bindAddress);
        this.address = bindAddress;
        this.family = this.bindAddress instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        this.pool = new PortPool(portMin, portMax);
        this.selector = Selector.open();
        this.selectorThread = threads.newThread(this::relayUntilClosed);
        selectorThread.setName("plus-media-relay");
        selectorThread.start();
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
        var session = new MediaSession(this, a, b, System.nanoTime());
        portsInUse.addAndGet(4);
        sessions.add(session);
        try {
            for (RelayLeg leg : session.legs()) {
                leg.channel.register(selector, SelectionKey.OP_READ, leg);
            }
            // A new key joins the selector's poll set on its next round.
            selector.wakeup();
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

    /** Ports bound by open sessions, four each. */
    public int portsInUse() {
        return portsInUse.get();
    }

    public int sessions() {
        return sessions.size();
    }

    /** Called once per session by {@link MediaSession#close()}. */
    void release(MediaSession session) {
        sessions.remove(session);
        var release = new Release(session);
        if (Thread.currentThread() == selectorThread || !selectorThread.isAlive()) {
            release.run();
            return;
        }
        releases.add(release);
        selector.wakeup();
        if (!release.awaitDone()) {
            LOG.warning("media relay thread did not release " + session + " in time; releasing here");
            release.run();
        }
    }

    private void relayUntilClosed() {
        try {
            while (!closed.get()) {
                try {
                    selector.select(this::relayReady);
                    runReleases();
                } catch (ClosedSelectorException selectorGone) {
                    return;
                } catch (IOException | RuntimeException unexpected) {
                    LOG.log(Level.WARNING, "media relay round failed; carrying on", unexpected);
                }
            }
        } finally {
            // Nobody waits on a release that this thread will never run.
            runReleases();
        }
    }

    private void relayReady(SelectionKey key) {
        if (key.isValid()) {
            ((RelayLeg) key.attachment()).relay(buffer);
        }
    }

    private void runReleases() {
        for (Release release; (release = releases.poll()) != null; ) {
            release.run();
        }
    }

    /** Closes the session's sockets and gives their ports back, once, whichever thread gets there. */
    private final class Release implements Runnable {
        private final MediaSession session;
        private final AtomicBoolean started = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);

        Release(MediaSession session) {
            this.session = session;
        }

        @Override
        public void run() {
            if (!started.compareAndSet(false, true)) {
                return;
            }
            try {
                for (RelayLeg leg : session.legs()) {
                    SelectionKey key = leg.channel.keyFor(selector);
                    if (key != null) {
                        key.cancel();
                    }
                    leg.close();
                }
                dropCancelledKeys();
            } finally {
                pool.give(session.portA());
                pool.give(session.portB());
                portsInUse.addAndGet(-4);
                done.countDown();
            }
        }

        /** A closed channel keeps its port until the selector deregisters its cancelled key. */
        private void dropCancelledKeys() {
            if (Thread.currentThread() == selectorThread && selector.isOpen()) {
                try {
                    selector.selectNow(MediaRelay.this::relayReady);
                } catch (IOException | RuntimeException failed) {
                    LOG.log(Level.FINE, "media relay could not drop cancelled keys at once", failed);
                }
            }
        }

        boolean awaitDone() {
            try {
                return done.await(RELEASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Closes every session, then the selector thread. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        selector.wakeup();
        if (Thread.currentThread() != selectorThread) {
            try {
                selectorThread.join(RELEASE_WAIT_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (MediaSession session : sessions) {
            session.close();
        }
        try {
            selector.close();
        } catch (IOException failed) {
            LOG.log(Level.FINE, "media relay selector did not close cleanly", failed);
        }
    }
}
