package se.plus.infrastructure.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import se.plus.application.port.out.UsedNonces;
import se.plus.infrastructure.cluster.SharedEntries;

/**
 * Used nonces in the {@code nonces} cache, one entry per nonce: {@code <expiry, epoch ms>:<highest count>};
 * and, under a key no nonce can have (nonces are URL-safe Base64), the signing key. On one server the
 * key lives as long as the server (as before); in a cluster as long as any node is up.
 */
@ApplicationScoped
public class CachedUsedNonces implements UsedNonces {

    private static final String SIGNING_KEY = "#signing-key";

    @Resource(lookup = SharedEntries.JNDI + "nonces")
    ConcurrentMap<String, String> cache;

    private volatile byte[] key;

    CachedUsedNonces() {
    }

    /** Over a cache of one's own (tests: a {@code ConcurrentHashMap} stands for the shared cache). */
    public CachedUsedNonces(ConcurrentMap<String, String> cache) {
        this.cache = cache;
    }

    @Override
    public byte[] signingKey() {
        byte[] known = key;
        if (known == null) {
            var fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String proposed = Base64.getEncoder().encodeToString(fresh);
            String existing = cache.putIfAbsent(SIGNING_KEY, proposed);
            known = Base64.getDecoder().decode(existing == null ? proposed : existing);
            key = known;
        }
        return known.clone();
    }

    @Override
    public boolean firstUse(String nonce, long count, Instant expires) {
        var first = new boolean[1];
        SharedEntries.update(cache, nonce, stored -> {
            first[0] = stored == null || count > highestCount(stored);
            return first[0] ? expires.toEpochMilli() + ":" + count : stored;
        });
        return first[0];
    }

    @Override
    public void forgetExpired(Instant now) {
        long cutoff = now.toEpochMilli();
        for (String nonce : List.copyOf(cache.keySet())) {
            if (!nonce.equals(SIGNING_KEY)) {
                SharedEntries.update(cache, nonce, stored -> stored != null && expiry(stored) <= cutoff ? null : stored);
            }
        }
    }

    @Override
    public int remembered() {
        return cache.containsKey(SIGNING_KEY) ? cache.size() - 1 : cache.size();
    }

    private static long expiry(String stored) {
        return Long.parseLong(stored.substring(0, stored.indexOf(':')));
    }

    private static long highestCount(String stored) {
        return Long.parseLong(stored.substring(stored.indexOf(':') + 1));
    }
}
