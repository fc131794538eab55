package se.plus.adapters.sip;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where blocking work (credentials lookup, the use case's database commit) runs, off the JAIN-SIP
 * threads. Container-managed threads (from the EE {@code ManagedThreadFactory}) so injected beans and
 * transactions work; a bounded queue rather than the default managed executor's unbounded one, so an
 * overload is answered 503 at once instead of queueing until the heap is gone. Also the clock thread
 * of the tone player and of housekeeping.
 */
final class SipWorkers implements Executor, AutoCloseable {

    private final ThreadPoolExecutor pool;
    private final int sheddingThreshold;
    private final ScheduledThreadPoolExecutor clock;

    SipWorkers(ThreadFactory threads, int size, int queue) {
        this.pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), threads);
        this.sheddingThreshold = queue / 4;
        this.clock = new ScheduledThreadPoolExecutor(1, threads);
        this.clock.setRemoveOnCancelPolicy(true);
        // Every thread is made now, on the deployment's thread: WildFly's managed thread factory takes
        // the naming context from the thread that asks for a new thread, and a pool thread made later
        // on a JAIN-SIP thread would fail every java:comp lookup (JPA, transactions) behind the use case.
        this.pool.prestartAllCoreThreads();
        this.clock.prestartAllCoreThreads();
    }

    /**
     * More work waiting than the workers clear in a moment: new calls and registrations are refused
     * (503) before the stack spends a transaction on them. Under overload every transaction made
     * lingers for seconds and every challenge draws another request; refusing early is what keeps the
     * heap flat.
     */
    boolean overloaded() {
        return pool.getQueue().size() > sheddingThreshold;
    }

    /** False when the queue is full: the caller answers 503. */
    boolean offer(Runnable work) {
        try {
            pool.execute(work);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    @Override
    public void execute(Runnable work) {
        pool.execute(work);
    }

    ScheduledThreadPoolExecutor clock() {
        return clock;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            clock.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
