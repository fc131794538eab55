package se.plus.adapters.sip.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One selector thread and the sessions it relays. All four sockets of a session live on one loop, so
 * every packet is received and sent on by the same thread and each leg's counters have one writer.
 * Nothing on the thread blocks; other threads hand it work through a queue and a wake-up.
 *
 * <p>Lifecycle: created by {@link MediaRelay}, sessions {@link #register registered} and
 * {@link #release released} any number of times, then {@link #stop stopped} and, once every session is
 * released, {@link #closeSelector closed}.
 */
final class RelayLoop {

    private static final Logger LOG = Logger.getLogger(RelayLoop.class.getName());

    private static final long RELEASE_WAIT_MILLIS = 1000;

    private final Selector selector;
    private final Thread thread;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MediaRelay.MAX_DATAGRAM + 1);
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile boolean stopped;

    RelayLoop(String name, ThreadFactory threads) throws IOException {
        this.selector = Selector.open();
        this.thread = threads.newThread(this::relayUntilStopped);
        thread.setName(name);
        thread.start();
    }

    /** Sessions relayed here, for spreading new ones over the loops. */
    int sessions() {
        return sessions.get();
    }

    /** Puts the session's four sockets into this loop's poll set. */
    void register(MediaSession session) throws IOException {
        sessions.incrementAndGet();
        for (RelayLeg leg : session.legs()) {
            leg.channel.register(selector, SelectionKey.OP_READ, leg);
        }
        // A new key joins the selector's poll set on its next round.
        selector.wakeup();
    }

    /**
     * Closes the session's sockets and returns once their ports are free. A socket registered with a
     * selector only really closes, its port free for the next bind, once the selector has dropped its
     * key, so the closing is done by this loop's thread while the caller waits.
     */
    void release(MediaSession session) {
        var release = new Release(session);
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            release.run();
        } else {
            tasks.add(release);
            selector.wakeup();
            if (!release.awaitDone()) {
                LOG.warning("media relay thread " + thread.getName() + " did not release " + session
                        + " in time; releasing here");
                release.run();
            }
        }
        sessions.decrementAndGet();
    }

    private void relayUntilStopped() {
        try {
            while (!stopped) {
                try {
                    selector.select(this::relayReady);
                    runTasks();
                } catch (ClosedSelectorException selectorGone) {
                    return;
                } catch (IOException | RuntimeException unexpected) {
                    LOG.log(Level.WARNING, "media relay round failed; carrying on", unexpected);
                }
            }
        } finally {
            // Nobody waits on a release that this thread will never run.
            runTasks();
        }
    }

    private void relayReady(SelectionKey key) {
        if (key.isValid()) {
            ((RelayLeg) key.attachment()).relay(buffer);
        }
    }

    private void runTasks() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            try {
                task.run();
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "media relay task failed", failed);
            }
        }
    }

    /** Closes a session's sockets, once, whichever thread gets there. */
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
                done.countDown();
            }
        }

        /** A closed channel keeps its port until the selector deregisters its cancelled key. */
        private void dropCancelledKeys() {
            if (Thread.currentThread() == thread && selector.isOpen()) {
                try {
                    selector.selectNow(RelayLoop.this::relayReady);
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

    /** Ends the thread; sessions still registered are released afterwards on the caller's thread. */
    void stop() {
        stopped = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(RELEASE_WAIT_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deregisters every key left, which frees the ports of sockets closed while the thread was gone. */
    void closeSelector() {
        try {
            selector.close();
        } catch (IOException failed) {
            LOG.log(Level.FINE, "media relay selector did not close cleanly", failed);
        }
    }
}
