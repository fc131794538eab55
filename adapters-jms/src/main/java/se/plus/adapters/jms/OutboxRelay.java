package se.plus.adapters.jms;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import se.plus.application.port.out.Outbox;
import se.plus.application.port.out.Outbox.Pending;

/**
 * Sends the outbox to {@code plus.events}: one thread, in the order the changes wrote their events, a
 * batch at a time (one broker transaction per batch), and removes what was sent. At least once: a batch
 * sent but not yet removed when the server dies is sent again after the restart, with the same event
 * {@code id} and {@code sequence}, which is how a subscriber recognises it.
 *
 * <p>Woken by each commit that wrote events ({@link OutboxSignal}); it also looks every second, which
 * is what catches up after a start (events written before a crash) and after a broker failure. Starts
 * after the schema is migrated (the outbox table may be new).
 *
 * <p>Servers sharing the database (a cluster) relay one at a time: a node sends only while it holds the
 * outbox's lease ({@link Outbox#claimRelay}), renewed at half its length; when the holder dies another
 * node takes over once the lease has run out. The nodes' clocks must agree (NTP) to well within it.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 200;
    private static final Duration LOOK_AGAIN = Duration.ofSeconds(1);
    /** How long a dead relay holds up the events before another node sends them. */
    static final Duration LEASE = Duration.ofSeconds(10);

    @Inject
    Outbox outbox;

    @Inject
    OutboxSignal signal;

    @Inject
    EventBatches batches;

    @Resource
    ManagedThreadFactory threads;

    private volatile boolean running;
    private Thread thread;
    /** The name the lease is held under: the server's node name, unique in a cluster. */
    private final String node = System.getProperty("jboss.node.name", "plus");
    /** Until when the lease needs no renewal (relay thread only). */
    private Instant renewAt = Instant.MIN;

    @PostConstruct
    void start() {
        running = true;
        thread = threads.newThread(this::relay);
        thread.setName("plus-outbox-relay");
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        signal.committed();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException notWaiting) {
            Thread.currentThread().interrupt();
        }
    }

    private void relay() {
        int failures = 0;
        try {
            while (running) {
                try {
                    if (sendBatch() == BATCH) {
                        continue;
                    }
                    failures = 0;
                } catch (RuntimeException failure) {
                    // A broker or database outage: the events wait in the outbox.
                    if (++failures == 1 || failures % 60 == 0) {
                        LOG.log(Level.WARNING, "events could not be sent (" + failures + " attempts); trying again", failure);
                    }
                }
                awaitCommitOrSecond();
            }
        } catch (Error fatal) {
            // Without this thread no event leaves the server again: say so where the operator looks.
            LOG.log(Level.SEVERE, "the outbox relay stopped; events are kept in the outbox until a restart", fatal);
            throw fatal;
        }
    }

    /**
     * Only {@link #stop} ends the relay: an interrupt from anything else (a transaction timeout's
     * reaper, a pool) must not silently stop the events.
     */
    private void awaitCommitOrSecond() {
        try {
            signal.await(LOOK_AGAIN);
        } catch (InterruptedException interrupted) {
            if (running) {
                LOG.warning("the outbox relay was interrupted while running; it goes on");
            }
        }
    }

    /** How many events were sent. */
    private int sendBatch() {
        if (!holdsLease()) {
            return 0;
        }
        List<Pending> batch = outbox.next(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        batches.send(batch);
        outbox.sent(batch.stream().map(Pending::id).toList());
        return batch.size();
    }

    private boolean holdsLease() {
        Instant now = Instant.now();
        if (now.isBefore(renewAt)) {
            return true;
        }
        if (outbox.claimRelay(node, now, now.plus(LEASE))) {
            renewAt = now.plus(LEASE.dividedBy(2));
            return true;
        }
        return false;
    }
}
