package se.plus.infrastructure.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import se.plus.infrastructure.MovableClock;
import se.plus.domain.number.Extension;

/** Which nodes a node can hand a request to, and the one-time pass that goes with it. */
class CachedClusterPeersTest {

    private static final Extension CECILIA = Extension.of("1003");

    private final ConcurrentMap<String, String> shared = new ConcurrentHashMap<>();
    private final MovableClock wall = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final CachedClusterPeers node1 = new CachedClusterPeers(shared, "node1", wall);
    private final CachedClusterPeers node2 = new CachedClusterPeers(shared, "node2", wall);

    @Test
    void each_node_sees_the_others_that_announced_themselves_and_not_itself() {
        node1.announce("127.0.0.1:5160");
        node2.announce("127.0.0.1:5260");

        assertEquals(List.of("127.0.0.1:5260"), node1.others());
        assertEquals(List.of("127.0.0.1:5160"), node2.others());
    }

    @Test
    void a_node_not_heard_of_for_thirty_seconds_is_dead_and_left_out() {
        node1.announce("127.0.0.1:5160");
        node2.announce("127.0.0.1:5260");
        wall.advance(Duration.ofSeconds(20));
        node2.announce("127.0.0.1:5260");
        wall.advance(Duration.ofSeconds(11));

        assertEquals(List.of(), node2.others(), "node 1 was last heard of 31 s ago");
        assertEquals(List.of("127.0.0.1:5260"), node1.others());
        wall.advance(Duration.ofSeconds(30));
        node2.announce("127.0.0.1:5260");
        assertFalse(shared.get("nodes").contains("node1"), "a node dead for a minute is dropped at the next write: "
                + shared.get("nodes"));
    }

    @Test
    void node_1_restarted_is_a_new_node_and_its_earlier_life_dies() {
        node1.announce("127.0.0.1:5160");
        var node1Again = new CachedClusterPeers(shared, "node1", wall);
        node1Again.announce("127.0.0.1:5160");
        node2.announce("127.0.0.1:5260");

        assertEquals(List.of("127.0.0.1:5160", "127.0.0.1:5160"), node2.others(), "both lives, until the first is stale");
        wall.advance(Duration.ofSeconds(31));
        node1Again.announce("127.0.0.1:5160");
        assertEquals(List.of("127.0.0.1:5160"), node2.others());
    }

    @Test
    void the_calls_of_node_1_that_died_are_handed_to_exactly_one_survivor_once() {
        var node3 = new CachedClusterPeers(shared, "node3", wall);
        for (CachedClusterPeers node : List.of(node1, node2, node3)) {
            node.announce("127.0.0.1:5060");
        }
        node1.keepDialogs("c1", "the dialogs of c1");
        node1.keepDialogs("c2", "the dialogs of c2");
        node1.keepDialogs("c1", "the dialogs of c1, after a transfer");
        node1.dropDialogs("c2");
        node2.keepDialogs("c3", "the dialogs of c3");

        assertEquals(List.of(), node2.orphanedDialogs(), "node 1 lives");
        wall.advance(Duration.ofSeconds(31));
        node2.announce("127.0.0.1:5060");
        node3.announce("127.0.0.1:5060");

        List<String> atNode2 = node2.orphanedDialogs();
        List<String> atNode3 = node3.orphanedDialogs();
        assertEquals(List.of("the dialogs of c1, after a transfer"), atNode2.isEmpty() ? atNode3 : atNode2);
        assertTrue(atNode2.isEmpty() || atNode3.isEmpty(), "one survivor ends the call: " + atNode2 + " / " + atNode3);
        assertEquals(List.of(), node2.orphanedDialogs(), "once");
        assertTrue(shared.containsKey(shared.keySet().stream().filter(key -> key.endsWith(" c3")).findFirst().orElse("none")),
                "a live node's call is left alone");
    }

    @Test
    void a_single_server_has_no_others_and_hands_nothing_over() {
        var alone = new CachedClusterPeers(null, "plus", wall);
        alone.announce("127.0.0.1:5060");

        assertEquals(List.of(), alone.others());
        assertEquals(Optional.empty(), alone.redeemPass("anything"));
        assertThrows(IllegalStateException.class, () -> alone.issuePass(CECILIA));
    }

    @Test
    void cecilias_pass_from_node_2_is_good_once_at_node_1() {
        String pass = node2.issuePass(CECILIA);

        assertEquals(Optional.of(CECILIA), node1.redeemPass(pass));
        assertEquals(Optional.empty(), node1.redeemPass(pass), "used");
        assertEquals(Optional.empty(), node1.redeemPass("0123456789abcdef0123456789abcdef"), "never issued");
    }

    @Test
    void a_pass_older_than_thirty_seconds_or_withdrawn_is_refused() {
        String old = node2.issuePass(CECILIA);
        String withdrawn = node2.issuePass(CECILIA);
        node2.withdrawPass(withdrawn);
        wall.advance(Duration.ofSeconds(31));

        assertEquals(Optional.empty(), node1.redeemPass(old));
        assertEquals(Optional.empty(), node1.redeemPass(withdrawn));
        assertTrue(shared.keySet().stream().noneMatch(key -> key.startsWith("pass ")), "redeeming an old pass removes it too");
    }
}
