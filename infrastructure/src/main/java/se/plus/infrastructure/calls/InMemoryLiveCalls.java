package se.plus.infrastructure.calls;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import se.plus.application.port.out.LiveCalls;
import se.plus.infrastructure.cluster.SharedEntries;
import se.plus.domain.call.LiveCall;
import se.plus.domain.number.Extension;

/**
 * The live calls of this server in memory (a call's media and dialogs live here too, so a call does not
 * outlive its server). Who is busy is kept as a count per user, so asking costs one lookup however
 * many calls are up.
 *
 * <p>In a cluster a user may be in a call on another node: each node marks the users it keeps busy in
 * the shared {@code calls} cache ({@code busy <ext>} → {@code node=<refreshed epoch ms>;...}), when a
 * user becomes busy here and when they become free, and refreshes its marks every
 * {@link #REFRESH}; another node's mark older than {@link #STALE} is of a node that died (its calls
 * died with it), so it no longer makes the user busy. When a user's last call here ends, the node also
 * writes when ({@code idle <ext>} → epoch ms, the latest wins), so that a queue handing calls to whoever
 * has been idle longest sees the calls that ended on every node.
 */
@ApplicationScoped
public class InMemoryLiveCalls implements LiveCalls {

    static final Duration REFRESH = Duration.ofSeconds(10);
    static final Duration STALE = Duration.ofSeconds(30);
    private static final String BUSY = "busy ";
    private static final String IDLE = "idle ";

    @Resource(lookup = SharedEntries.JNDI + "calls")
    ConcurrentMap<String, String> shared;
    private final String node;
    private final Clock clock;

    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();
    /** The users each call keeps busy, as last told: what to take back on a change or at the end. */
    private final Map<String, List<Extension>> busyBy = new ConcurrentHashMap<>();
    private final Map<Extension, Integer> busy = new ConcurrentHashMap<>();
    /** When each user last came out of their last call: who has been idle longest (queues). */
    private final Map<Extension, Instant> freeSince = new ConcurrentHashMap<>();

    public InMemoryLiveCalls() {
        this(null, System.getProperty("jboss.node.name", "plus"), Clock.systemUTC());
    }

    /** Over a shared cache of one's own (tests: a {@code ConcurrentHashMap} stands for it; null: none). */
    public InMemoryLiveCalls(ConcurrentMap<String, String> shared, String node, Clock clock) {
        this.shared = shared;
        this.node = node;
        this.clock = clock;
    }

    @Override
    public void add(LiveCall call) {
        if (calls.putIfAbsent(call.id(), call) == null) {
            track(call.id(), call.busyUsers());
        }
    }

    @Override
    public void changed(LiveCall call) {
        if (calls.containsKey(call.id())) {
            track(call.id(), call.busyUsers());
        }
    }

    @Override
    public void remove(LiveCall call) {
        if (calls.remove(call.id(), call)) {
            track(call.id(), List.of());
            busyBy.remove(call.id());
        }
    }

    @Override
    public Optional<LiveCall> find(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }

    @Override
    public boolean inCall(Extension user) {
        return busy.containsKey(user) || busyElsewhere(user);
    }

    /** Another node's fresh mark: the user is in a call there. */
    private boolean busyElsewhere(Extension user) {
        if (shared == null) {
            return false;
        }
        String marks = shared.get(BUSY + user.digits());
        if (marks == null) {
            return false;
        }
        long freshAfter = clock.millis() - STALE.toMillis();
        for (Map.Entry<String, Long> mark : parse(marks).entrySet()) {
            if (!mark.getKey().equals(node) && mark.getValue() > freshAfter) {
                return true;
            }
        }
        return false;
    }

    /** Every {@link #REFRESH}: this node's marks say it is alive (a timer calls this). */
    public void refreshMarks() {
        if (shared == null) {
            return;
        }
        for (Extension user : busy.keySet()) {
            mark(user, true);
        }
    }

    private void mark(Extension user, boolean busyHere) {
        if (shared == null) {
            return;
        }
        long now = clock.millis();
        long staleBefore = now - STALE.toMillis();
        SharedEntries.update(shared, BUSY + user.digits(), stored -> {
            Map<String, Long> marks = stored == null ? new TreeMap<>() : parse(stored);
            // Dead nodes' marks go whenever someone writes the entry.
            marks.values().removeIf(refreshed -> refreshed <= staleBefore);
            if (busyHere) {
                marks.put(node, now);
            } else {
                marks.remove(node);
            }
            return marks.isEmpty() ? null : format(marks);
        });
    }

    private static Map<String, Long> parse(String stored) {
        Map<String, Long> marks = new TreeMap<>();
        for (String mark : stored.split(";")) {
            int at = mark.lastIndexOf('=');
            if (at > 0) {
                try {
                    marks.put(mark.substring(0, at), Long.parseLong(mark.substring(at + 1)));
                } catch (NumberFormatException unreadable) {
                    // A mark nobody wrote this way: ignored, and dropped at the next write.
                }
            }
        }
        return marks;
    }

    private static String format(Map<String, Long> marks) {
        var text = new StringBuilder();
        marks.forEach((name, refreshed) -> text.append(text.length() == 0 ? "" : ";").append(name).append('=').append(refreshed));
        return text.toString();
    }

    /** The shared entry holds the latest end of every node's calls, this node's included. */
    @Override
    public Optional<Instant> lastCallEnded(Extension user) {
        return shared == null ? Optional.ofNullable(freeSince.get(user)) : SharedEntries.instant(shared.get(IDLE + user.digits()));
    }

    private void endedHere(Extension user, Instant at) {
        if (shared == null) {
            freeSince.put(user, at);
        } else {
            SharedEntries.keepLatest(shared, IDLE + user.digits(), at);
        }
    }

    @Override
    public int count() {
        return calls.size();
    }

    @Override
    public Collection<LiveCall> all() {
        return List.copyOf(calls.values());
    }

    private void track(String callId, List<Extension> now) {
        List<Extension> before = busyBy.put(callId, List.copyOf(now));
        for (Extension user : now) {
            if ((before == null || !before.contains(user)) && busy.merge(user, 1, Integer::sum) == 1) {
                mark(user, true);
            }
        }
        if (before != null) {
            for (Extension user : before) {
                if (!now.contains(user)) {
                    if (busy.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1) == null) {
                        // Free on every node first: a caller waiting for the user matters more than a queue's order.
                        mark(user, false);
                        endedHere(user, clock.instant());
                    }
                }
            }
        }
    }
}
