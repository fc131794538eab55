package se.plus.adapters.jms;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the relay when a change with events commits, so an event leaves at once rather than at the
 * relay's next look. Many commits while the relay is busy are one wake-up: it reads everything there
 * is anyway.
 */
@ApplicationScoped
class OutboxSignal {

    private final Semaphore committed = new Semaphore(0);

    void committed() {
        if (committed.availablePermits() == 0) {
            committed.release();
        }
    }

    /** Until a commit since the last call, or {@code atMost}. */
    void await(Duration atMost) throws InterruptedException {
        committed.tryAcquire(atMost.toMillis(), TimeUnit.MILLISECONDS);
        committed.drainPermits();
    }
}
