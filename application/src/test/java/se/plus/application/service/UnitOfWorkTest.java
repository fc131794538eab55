package se.plus.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.when;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.out.ConcurrentChangeException;

@ExtendWith(MockitoExtension.class)
class UnitOfWorkTest {

    @Mock
    TransactionSynchronizationRegistry transactions;

    @Test
    void aLostRaceInATransactionOfItsOwnIsTriedAgain() {
        when(transactions.getTransactionKey()).thenReturn(null);
        var attempts = new AtomicInteger();

        String result = UnitOfWork.retryingOnConflict(new UnitOfWork(transactions), () -> {
            if (attempts.incrementAndGet() < UnitOfWork.ATTEMPTS) {
                throw new ConcurrentChangeException("user 1001", null);
            }
            return "stored";
        });

        assertEquals("stored", result);
        assertEquals(UnitOfWork.ATTEMPTS, attempts.get());
    }

    @Test
    void aLostRaceInsideTheCallersTransactionIsNotTriedAgainButLeftToTheCaller() {
        when(transactions.getTransactionKey()).thenReturn("the caller's transaction");
        var attempts = new AtomicInteger();

        assertThrows(ConcurrentChangeException.class, () -> UnitOfWork.retryingOnConflict(new UnitOfWork(transactions), () -> {
            attempts.incrementAndGet();
            throw new ConcurrentChangeException("user 1001", null);
        }));
        assertEquals(1, attempts.get());
    }
}
