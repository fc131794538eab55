package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ServerTransaction;
import org.junit.jupiter.api.Test;
import se.plus.application.port.out.ClusterPeers;
import se.plus.domain.number.Extension;

/** Where *80* goes when nothing rings at n on this node: on one server, and when the cluster cannot be read. */
class PickupHandoverTest {

    private final ClusterPeers peers = mock(ClusterPeers.class);
    private final ScheduledExecutorService timers = mock(ScheduledExecutorService.class);
    private final PickupHandover handover = new PickupHandover(null, peers, timers);
    private final AtomicInteger refusedHere = new AtomicInteger();

    @Test
    void on_a_single_server_cecilia_hears_the_refusal_at_once_and_nothing_is_handed_over() {
        when(peers.others()).thenReturn(List.of());

        handover.start(mock(ServerTransaction.class), Extension.of("1003"), refusedHere::incrementAndGet);

        assertEquals(1, refusedHere.get());
        assertEquals(0, handover.pending());
        verifyNoInteractions(timers);
    }

    @Test
    void when_the_other_nodes_cannot_be_read_the_pickup_is_refused_here_rather_than_left_unanswered() {
        when(peers.others()).thenThrow(new IllegalStateException("cache unavailable"));

        handover.start(mock(ServerTransaction.class), Extension.of("1003"), refusedHere::incrementAndGet);

        assertEquals(1, refusedHere.get());
        assertEquals(0, handover.pending());
    }
}
