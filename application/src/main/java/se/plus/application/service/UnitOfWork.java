package se.plus.application.service;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.Supplier;
import se.plus.application.port.out.ConcurrentChangeException;

/**
 * The transaction boundary of every use case: the state change, its audit record and its events (in the
 * outbox) commit together in one local database transaction or not at all. A change that lost a race to
 * the same user or queue is tried again on fresh state a few times; only then is the loser told
 * CONFLICT. Inside a caller's transaction (a JMS command) there is no retry here: the attempt has already
 * failed that transaction, which rolls back as a whole and is the caller's to try again (the broker
 * redelivers the command).
 */
@ApplicationScoped
public class UnitOfWork {

    static final int ATTEMPTS = 3;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public UnitOfWork() {
    }

    /** Outside a container (unit tests): {@code transactions} says whether a caller's transaction is active. */
    UnitOfWork(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    @Transactional
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    /** Whether work started now would join a transaction its caller began. */
    public boolean inCallersTransaction() {
        return transactions != null && transactions.getTransactionKey() != null;
    }

    /**
     * {@code inTransaction} through this bean's proxy, again on {@link ConcurrentChangeException} when it
     * began the transaction itself; once, when it joins the caller's.
     */
    public static <T> T retryingOnConflict(UnitOfWork transactional, Supplier<T> work) {
        if (transactional.inCallersTransaction()) {
            return transactional.inTransaction(work);
        }
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
