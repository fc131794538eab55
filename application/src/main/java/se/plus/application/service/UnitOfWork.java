package se.plus.application.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.function.Supplier;
import se.plus.application.port.out.ConcurrentChangeException;

/**
 * The transaction boundary of every use case: the state change, its audit record and its event
 * commit together or not at all. A change that lost a race to the same user or queue is tried again on
 * fresh state a few times; only then is the loser told CONFLICT. Inside a caller's transaction (a JMS
 * delivery) there is no retry here: the whole delivery rolls back and the broker redelivers it.
 */
@ApplicationScoped
public class UnitOfWork {

    static final int ATTEMPTS = 3;

    @Transactional
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    /** {@code inTransaction} through this bean's proxy, again on {@link ConcurrentChangeException}. */
    public static <T> T retryingOnConflict(UnitOfWork transactional, Supplier<T> work) {
        ConcurrentChangeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return transactional.inTransaction(work);
            } catch (ConcurrentChangeException lost) {
                last = lost;
            }
        }
        throw last;
    }
}
