package se.plus.infrastructure.cluster;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * Read-modify-write of one entry of a shared cache, by compare-and-set. The caches of the {@code plus}
 * container (configure.cli) are local on one server and replicated in a cluster; either way
 * {@code putIfAbsent}, {@code replace(k, old, new)} and {@code remove(k, old)} are atomic per key across
 * every node, while {@code compute}/{@code merge} would have to ship the function to the key's owner
 * (a lambda cannot be marshalled). Values are strings so that no class of ours ever crosses the wire.
 */
public final class SharedEntries {

    /** The cache container of our own (configure.cli); each cache is bound under this JNDI prefix. */
    public static final String JNDI = "java:jboss/infinispan/cache/plus/";

    private SharedEntries() {
    }

    /**
     * Stores the instant under the key unless a later one is there already (nodes' clocks differ; the
     * latest of all writes wins).
     */
    public static void keepLatest(ConcurrentMap<String, String> cache, String key, Instant at) {
        long millis = at.toEpochMilli();
        update(cache, key, stored -> instant(stored).filter(known -> known.toEpochMilli() >= millis).isPresent()
                ? stored : Long.toString(millis));
    }

    /** An instant stored by {@link #keepLatest}; empty when absent or unreadable. */
    public static Optional<Instant> instant(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(stored)));
        } catch (NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the entry with what {@code change} makes of it ({@code null} in: absent; {@code null}
     * out: remove), retrying when another writer got in between. Returns the value written.
     * {@code change} may run several times, so it must be a pure function of its argument.
     */
    public static String update(ConcurrentMap<String, String> cache, String key, UnaryOperator<String> change) {
        while (true) {
            String old = cache.get(key);
            String next = change.apply(old);
            if (old == null ? next == null || cache.putIfAbsent(key, next) == null
                    : next == null ? cache.remove(key, old) : old.equals(next) || cache.replace(key, old, next)) {
                return next;
            }
        }
    }
}
