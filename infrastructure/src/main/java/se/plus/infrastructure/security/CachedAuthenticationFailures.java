package se.plus.infrastructure.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import se.plus.application.port.out.AuthenticationFailures;
import se.plus.infrastructure.cluster.SharedEntries;

/**
 * Failure counts and blocks in the {@code auth-failures} cache, one entry per source:
 * {@code <block end, epoch ms, 0 for none>;<failure times, epoch ms, comma-separated>}. Every change is a
 * compare-and-set of the whole entry, so two nodes counting the same guesser lose no failure.
 */
@ApplicationScoped
public class CachedAuthenticationFailures implements AuthenticationFailures {

    /** A source sends at most this many failure times along: enough for any sane limit. */
    private static final int MAX_COUNTED = 1000;
    private static final String VOUCHED = "vouched ";

    @Resource(lookup = SharedEntries.JNDI + "auth-failures")
    ConcurrentMap<String, String> cache;

    CachedAuthenticationFailures() {
    }

    /** Over a cache of one's own (tests: a {@code ConcurrentHashMap} stands for the shared cache). */
    public CachedAuthenticationFailures(ConcurrentMap<String, String> cache) {
        this.cache = cache;
    }

    @Override
    public Optional<Instant> blockEnd(String source) {
        Entry entry = Entry.parse(cache.get(source));
        return entry.blockEnd == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(entry.blockEnd));
    }

    @Override
    public Tally recordFailure(String source, Limit limit, Instant now) {
        var tally = new Tally[1];
        SharedEntries.update(cache, source, stored -> {
            Entry entry = Entry.parse(stored).within(limit.window(), now);
            entry.failures.add(now.toEpochMilli());
            if (entry.failures.size() > MAX_COUNTED) {
                entry.failures.remove(0);
            }
            int inWindow = entry.failures.size();
            boolean blocked = entry.blockEnd > now.toEpochMilli();
            if (inWindow >= limit.maxFailures() && !blocked) {
                entry.blockEnd = now.plus(limit.blockFor()).toEpochMilli();
                entry.failures.clear();
                tally[0] = new Tally(inWindow, true);
            } else {
                tally[0] = new Tally(inWindow, false);
            }
            return entry.format();
        });
        return tally[0];
    }

    @Override
    public boolean endBlock(String source, Instant end) {
        var ended = new boolean[1];
        SharedEntries.update(cache, source, stored -> {
            Entry entry = Entry.parse(stored);
            ended[0] = entry.blockEnd == end.toEpochMilli();
            return ended[0] ? null : stored;
        });
        return ended[0];
    }

    @Override
    public void forgetFailures(String source) {
        SharedEntries.update(cache, source, stored -> {
            Entry entry = Entry.parse(stored);
            entry.failures.clear();
            return entry.format();
        });
    }

    @Override
    public void vouch(String account, String ip, Instant until) {
        SharedEntries.keepLatest(cache, voucher(account, ip), until);
    }

    @Override
    public boolean vouched(String account, String ip, Instant now) {
        return SharedEntries.instant(cache.get(voucher(account, ip))).filter(now::isBefore).isPresent();
    }

    /** A key no source has: sources are "address ...", "account ...", "streak ...". */
    private static String voucher(String account, String ip) {
        return VOUCHED + account + " " + ip;
    }

    @Override
    public void purge(Duration window, Instant now) {
        long longOver = now.minus(Duration.ofDays(1)).toEpochMilli();
        for (String source : List.copyOf(cache.keySet())) {
            if (source.startsWith(VOUCHED)) {
                SharedEntries.update(cache, source, stored -> SharedEntries.instant(stored).filter(now::isBefore).isPresent() ? stored : null);
                continue;
            }
            SharedEntries.update(cache, source, stored -> {
                Entry entry = Entry.parse(stored).within(window, now);
                if (entry.blockEnd != 0 && entry.blockEnd < longOver) {
                    entry.blockEnd = 0;
                }
                return entry.format();
            });
        }
    }

    private static final class Entry {
        long blockEnd;
        final List<Long> failures = new ArrayList<>();

        static Entry parse(String stored) {
            var entry = new Entry();
            if (stored != null) {
                int semicolon = stored.indexOf(';');
                entry.blockEnd = Long.parseLong(stored.substring(0, semicolon));
                for (String time : stored.substring(semicolon + 1).split(",")) {
                    if (!time.isEmpty()) {
                        entry.failures.add(Long.parseLong(time));
                    }
                }
            }
            return entry;
        }

        /** Failures at or before {@code now - window} no longer count. */
        Entry within(Duration window, Instant now) {
            long oldest = now.minus(window).toEpochMilli();
            failures.removeIf(time -> time <= oldest);
            return this;
        }

        /** Nothing to keep: no entry. */
        String format() {
            if (blockEnd == 0 && failures.isEmpty()) {
                return null;
            }
            var out = new StringBuilder().append(blockEnd).append(';');
            for (int i = 0; i < failures.size(); i++) {
                out.append(i == 0 ? "" : ",").append(failures.get(i));
            }
            return out.toString();
        }
    }
}
