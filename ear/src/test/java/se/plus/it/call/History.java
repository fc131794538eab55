package se.plus.it.call;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * What a phone has seen so far, in order, written by the stack's threads and read by the test's. A
 * test may ask after the fact ("was there a 180?") as well as wait for what is still to come.
 */
final class History<T> {

    private final List<T> items = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();

    void add(T item) {
        lock.lock();
        try {
            items.add(item);
            added.signalAll();
        } finally {
            lock.unlock();
        }
    }

    List<T> snapshot() {
        lock.lock();
        try {
            return List.copyOf(items);
        } finally {
            lock.unlock();
        }
    }

    /** The first item, here already or yet to come, that is wanted; null when none came in time. */
    T await(Predicate<? super T> wanted, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            int seen = 0;
            while (true) {
                for (; seen < items.size(); seen++) {
                    if (wanted.test(items.get(seen))) {
                        return items.get(seen);
                    }
                }
                if (left <= 0) {
                    return null;
                }
                left = added.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
