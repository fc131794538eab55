package se.plus.infrastructure.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import se.plus.infrastructure.MovableClock;
import se.plus.domain.call.CallParty;
import se.plus.domain.call.LiveCall;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/** Who is busy, on this node and — through the shared cache — on the others of a cluster. */
class InMemoryLiveCallsTest {

    private static final Extension ANNA = Extension.of("1001");
    private static final Extension BERIT = Extension.of("1002");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final ConcurrentMap<String, String> shared = new ConcurrentHashMap<>();
    private final MovableClock wall = new MovableClock(T0);
    private final InMemoryLiveCalls node1 = new InMemoryLiveCalls(shared, "node1", wall);
    private final InMemoryLiveCalls node2 = new InMemoryLiveCalls(shared, "node2", wall);

    private static LiveCall annaCallsBerit() {
        var call = new LiveCall("c1", new CallParty(Optional.of(ANNA), Optional.of(PhoneNumber.of("1001")), "Anna", false),
                Optional.of(BERIT), 0);
        call.offer("leg", Optional.of(BERIT));
        return call;
    }

    @Test
    void berit_talking_through_node_1_is_busy_on_node_2_and_free_again_when_the_call_ends() {
        LiveCall call = annaCallsBerit();
        node1.add(call);
        call.answered("leg", 1);
        node1.changed(call);

        assertTrue(node2.inCall(BERIT), "node 2 sees Berit busy");
        assertTrue(node2.inCall(ANNA), "and Anna, who placed the call");

        call.hangUp(LiveCall.Ending.HUNG_UP);
        node1.remove(call);

        assertFalse(node2.inCall(BERIT));
        assertFalse(node2.inCall(ANNA));
        assertTrue(shared.keySet().stream().noneMatch(key -> key.startsWith("busy ")), "no busy mark left: " + shared);
    }

    @Test
    void a_queue_on_node_2_sees_that_berit_has_just_finished_a_call_through_node_1() {
        var earlier = new LiveCall("c0", new CallParty(Optional.of(ANNA), Optional.of(PhoneNumber.of("1001")), "Anna", false),
                Optional.of(Extension.of("1003")), 0);
        node2.add(earlier);
        earlier.stopRinging(LiveCall.Ending.CANCELLED);
        node2.remove(earlier);
        assertEquals(Optional.of(T0), node2.lastCallEnded(ANNA), "Anna's call ended on node 2 itself at T0");

        wall.set(T0.plusSeconds(90));
        LiveCall call = annaCallsBerit();
        node1.add(call);
        call.answered("leg", 1);
        node1.changed(call);
        wall.set(T0.plusSeconds(120));
        call.hangUp(LiveCall.Ending.HUNG_UP);
        node1.remove(call);

        assertEquals(Optional.of(T0.plusSeconds(120)), node2.lastCallEnded(BERIT), "Berit was never in a call on node 2");
        assertEquals(Optional.of(T0.plusSeconds(120)), node2.lastCallEnded(ANNA), "the later end, on node 1, counts");

        // Node 2's clock runs a minute behind: its later call end must not make Anna look idle longer.
        wall.set(T0.plusSeconds(130 - 60));
        var skewed = new LiveCall("c3", new CallParty(Optional.of(ANNA), Optional.of(PhoneNumber.of("1001")), "Anna", false),
                Optional.of(Extension.of("1003")), 0);
        node2.add(skewed);
        skewed.stopRinging(LiveCall.Ending.CANCELLED);
        node2.remove(skewed);
        assertEquals(Optional.of(T0.plusSeconds(120)), node1.lastCallEnded(ANNA), "an end is never replaced by an older one");
    }

    @Test
    void the_calls_of_a_node_that_died_stop_making_anyone_busy_after_thirty_seconds() {
        LiveCall call = annaCallsBerit();
        node1.add(call);

        wall.set(T0.plus(InMemoryLiveCalls.STALE).minusSeconds(1));
        assertTrue(node2.inCall(ANNA), "a mark younger than 30 s holds");
        wall.set(T0.plus(InMemoryLiveCalls.STALE).plusSeconds(1));
        assertFalse(node2.inCall(ANNA), "node 1 stopped refreshing: it is gone, and its calls with it");
    }

    @Test
    void a_living_node_keeps_its_marks_fresh() {
        LiveCall call = annaCallsBerit();
        node1.add(call);
        for (int round = 1; round <= 6; round++) {
            wall.set(T0.plus(InMemoryLiveCalls.REFRESH.multipliedBy(round)));
            node1.refreshMarks();
        }
        assertTrue(node2.inCall(ANNA), "a minute later, still busy");
    }

    @Test
    void a_node_does_not_count_its_own_mark_twice_and_a_user_in_two_calls_stays_busy_until_the_last_ends() {
        LiveCall first = annaCallsBerit();
        var second = new LiveCall("c2", new CallParty(Optional.of(ANNA), Optional.of(PhoneNumber.of("1001")), "Anna", false),
                Optional.of(Extension.of("1003")), 0);
        node1.add(first);
        node1.add(second);
        first.stopRinging(LiveCall.Ending.CANCELLED);
        node1.remove(first);

        assertTrue(node1.inCall(ANNA));
        assertTrue(node2.inCall(ANNA));
        second.stopRinging(LiveCall.Ending.CANCELLED);
        node1.remove(second);
        assertFalse(node2.inCall(ANNA));
        assertEquals(Optional.of(T0), node1.lastCallEnded(ANNA));
    }

    @Test
    void without_a_shared_cache_only_this_nodes_calls_count() {
        var alone = new InMemoryLiveCalls(null, "plus", wall);
        alone.add(annaCallsBerit());
        alone.refreshMarks();
        assertTrue(alone.inCall(ANNA));
        assertFalse(alone.inCall(BERIT));
        assertEquals(1, alone.count());
    }
}
