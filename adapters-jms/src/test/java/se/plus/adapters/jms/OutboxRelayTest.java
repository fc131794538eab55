package se.plus.adapters.jms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.plus.application.port.out.Outbox;
import se.plus.application.port.out.Outbox.Entry;
import se.plus.application.port.out.Outbox.Pending;

class OutboxRelayTest {

    private final Outbox outbox = mock(Outbox.class);
    private final EventBatches batches = mock(EventBatches.class);
    private final AtomicReference<Thread> relayThread = new AtomicReference<>();
    private final AtomicBoolean eventWritten = new AtomicBoolean();
    private final AtomicInteger reads = new AtomicInteger();
    /** The next read fails (the database away) and clears this. */
    private final AtomicBoolean failNextRead = new AtomicBoolean();
    private final List<Pending> oneEvent = List.of(new Pending(7, 1,
            new Entry("e-1", "1001", "FORWARDING_CHANGED", "REST", "{\"type\":\"FORWARDING_CHANGED\"}")));
    private OutboxRelay relay;

    @BeforeEach
    void start() {
        when(outbox.claimRelay(anyString(), any(Instant.class), any(Instant.class))).thenReturn(true);
        // Stubbed once, before the relay runs: stubbing a mock while another thread calls it is not safe.
        when(outbox.next(anyInt())).thenAnswer(call -> {
            if (failNextRead.getAndSet(false)) {
                throw new IllegalStateException("database away");
            }
            reads.incrementAndGet();
            return eventWritten.getAndSet(false) ? oneEvent : List.of();
        });
        ManagedThreadFactory threads = mock(ManagedThreadFactory.class);
        when(threads.newThread(any(Runnable.class))).thenAnswer(call -> {
            relayThread.set(new Thread((Runnable) call.getArgument(0)));
            return relayThread.get();
        });
        relay = new OutboxRelay();
        relay.outbox = outbox;
        relay.signal = new OutboxSignal();
        relay.batches = batches;
        relay.threads = threads;
        relay.start();
    }

    @AfterEach
    void stop() {
        relay.stop();
    }

    @Test
    void aCommittedEventIsSentAtTheCommitsSignalAndRemoved() {
        eventWritten.set(true);
        relay.signal.committed();
        verify(batches, timeout(2_000)).send(oneEvent);
        verify(outbox, timeout(2_000)).sent(List.of(7L));
    }

    @Test
    void anInterruptFromOutsideDoesNotStopTheEvents() {
        verify(outbox, timeout(2_000)).next(anyInt());
        int readsBefore = reads.get();
        relayThread.get().interrupt();
        relay.signal.committed();
        verify(outbox, timeout(2_000).atLeast(readsBefore + 1)).next(anyInt());
        assertTrue(relayThread.get().isAlive(), "the relay thread still runs");
        eventWritten.set(true);
        relay.signal.committed();
        verify(batches, timeout(2_000)).send(oneEvent);
    }

    @Test
    void aFailureIsTriedAgainAndTheEventStillLeaves() {
        failNextRead.set(true);
        eventWritten.set(true);
        relay.signal.committed();
        verify(batches, timeout(3_000)).send(oneEvent);
        assertFalse(failNextRead.get(), "the read failed once before the event left");
    }
}
