package se.plus.infrastructure.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;
import se.plus.application.port.out.ClusterPeers;
import se.plus.domain.number.Extension;

/**
 * The nodes, hand-over passes and dialog backups in the shared {@code calls} cache. One entry,
 * {@code nodes}, lists every node as {@code name/boot=host:port@announced epoch ms} (one read answers who
 * the others are; {@code boot} tells a restarted node from its earlier life); a node not heard of for
 * {@link #STALE} is dead and left out, and its entry dropped at a write after {@link #FORGOTTEN}. A pass is
 * {@code pass <random>} → {@code <extension>@issued epoch ms}, redeemed by removing it (atomic across
 * the cluster, so it serves once) and good for {@link #PASS_LIFETIME}. A connected call's dialogs are
 * {@code dialogs <name/boot> <call id>}; once that node is dead every node looks for its backups once, and
 * whoever removes one first has it.
 */
@ApplicationScoped
public class CachedClusterPeers implements ClusterPeers {

    static final Duration STALE = Duration.ofSeconds(30);
    static final Duration FORGOTTEN = Duration.ofSeconds(60);
    static final Duration PASS_LIFETIME = Duration.ofSeconds(30);
    private static final String NODES = "nodes";
    private static final String PASS = "pass ";
    private static final String DIALOGS = "dialogs ";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = SharedEntries.JNDI + "calls")
    ConcurrentMap<String, String> shared;
    /** This node's name and boot: what the others know it by in this life. */
    private final String node;
    private final Clock clock;
    /** Dead nodes whose backups this node has looked for (once is enough: they write no more). */
    private final java.util.Set<String> swept = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CachedClusterPeers() {
        this(null, System.getProperty("jboss.node.name", "plus"), Clock.systemUTC());
    }

    /** Over a map of one's own (tests: a {@code ConcurrentHashMap} shared by several "nodes"; null: alone). */
    public CachedClusterPeers(ConcurrentMap<String, String> shared, String node, Clock clock) {
        this.shared = shared;
        byte[] boot = new byte[4];
        RANDOM.nextBytes(boot);
        this.node = node + "/" + HexFormat.of().formatHex(boot);
        this.clock = clock;
    }

    @Override
    public void announce(String sipAddress) {
        if (shared == null) {
            return;
        }
        long now = clock.millis();
        long forgottenBefore = now - FORGOTTEN.toMillis();
        SharedEntries.update(shared, NODES, stored -> {
            Map<String, String> nodes = parse(stored);
            // Listed while dead for a while, so that every node sees it dead and looks for its backups.
            nodes.values().removeIf(entry -> announced(entry) <= forgottenBefore);
            nodes.put(node, sipAddress + "@" + now);
            return format(nodes);
        });
    }

    @Override
    public List<String> others() {
        if (shared == null) {
            return List.of();
        }
        long staleBefore = clock.millis() - STALE.toMillis();
        List<String> others = new ArrayList<>();
        parse(shared.get(NODES)).forEach((name, entry) -> {
            if (!name.equals(node) && announced(entry) > staleBefore) {
                others.add(entry.substring(0, entry.lastIndexOf('@')));
            }
        });
        return others;
    }

    @Override
    public String issuePass(Extension user) {
        if (shared == null) {
            throw new IllegalStateException("a single server hands nothing over");
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String pass = HexFormat.of().formatHex(random);
        shared.put(PASS + pass, user.digits() + "@" + clock.millis());
        return pass;
    }

    @Override
    public Optional<Extension> redeemPass(String pass) {
        if (shared == null || pass == null || pass.isBlank()) {
            return Optional.empty();
        }
        String stored = shared.remove(PASS + pass.trim());
        if (stored == null || announced(stored) <= clock.millis() - PASS_LIFETIME.toMillis()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Extension.of(stored.substring(0, stored.lastIndexOf('@'))));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public void withdrawPass(String pass) {
        if (shared != null) {
            shared.remove(PASS + pass);
        }
    }

    @Override
    public void keepDialogs(String callId, String dialogs) {
        if (shared != null) {
            shared.put(DIALOGS + node + " " + callId, dialogs);
        }
    }

    @Override
    public void dropDialogs(String callId) {
        if (shared != null) {
            shared.remove(DIALOGS + node + " " + callId);
        }
    }

    @Override
    public List<String> orphanedDialogs() {
        if (shared == null) {
            return List.of();
        }
        long staleBefore = clock.millis() - STALE.toMillis();
        List<String> dead = new ArrayList<>();
        parse(shared.get(NODES)).forEach((name, entry) -> {
            if (!name.equals(node) && announced(entry) <= staleBefore && swept.add(name)) {
                dead.add(name);
            }
        });
        if (dead.isEmpty()) {
            return List.of();
        }
        List<String> orphans = new ArrayList<>();
        for (String key : List.copyOf(shared.keySet())) {
            if (key.startsWith(DIALOGS) && dead.stream().anyMatch(name -> key.startsWith(DIALOGS + name + " "))) {
                String dialogs = shared.remove(key);
                if (dialogs != null) {
                    orphans.add(dialogs);
                }
            }
        }
        return orphans;
    }

    /** The epoch ms after the last {@code @}; 0 (long dead) when unreadable. */
    private static long announced(String entry) {
        try {
            return Long.parseLong(entry.substring(entry.lastIndexOf('@') + 1));
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private static Map<String, String> parse(String stored) {
        Map<String, String> nodes = new TreeMap<>();
        if (stored != null) {
            for (String item : stored.split(";")) {
                int at = item.indexOf('=');
                if (at > 0 && item.lastIndexOf('@') > at) {
                    nodes.put(item.substring(0, at), item.substring(at + 1));
                }
            }
        }
        return nodes;
    }

    private static String format(Map<String, String> nodes) {
        var text = new StringBuilder();
        nodes.forEach((name, entry) -> text.append(text.length() == 0 ? "" : ";").append(name).append('=').append(entry));
        return text.toString();
    }
}
