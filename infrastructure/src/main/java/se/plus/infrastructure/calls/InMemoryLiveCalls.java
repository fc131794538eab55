package se.plus.infrastructure.calls;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import se.plus.application.port.out.LiveCalls;
import se.plus.domain.call.LiveCall;
import se.plus.domain.number.Extension;

/**
 * The live calls of this server in memory (a call's media and dialogs live here too, so a call does not
 * outlive its server). Who is busy is kept as a count per user, so asking costs one lookup however
 * many calls are up.
 */
@ApplicationScoped
public class InMemoryLiveCalls implements LiveCalls {

    private final Map<String, LiveCall> calls = new ConcurrentHashMap<>();
    /** The users each call keeps busy, as last told: what to take back on a change or at the end. */
    private final Map<String, List<Extension>> busyBy = new ConcurrentHashMap<>();
    private final Map<Extension, Integer> busy = new ConcurrentHashMap<>();
    /** When each user last came out of their last call: who has been idle longest (queues). */
    private final Map<Extension, Instant> freeSince = new ConcurrentHashMap<>();

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
        return busy.containsKey(user);
    }

    @Override
    public Optional<Instant> lastCallEnded(Extension user) {
        return Optional.ofNullable(freeSince.get(user));
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
            if (before == null || !before.contains(user)) {
                busy.merge(user, 1, Integer::sum);
            }
        }
        if (before != null) {
            for (Extension user : before) {
                if (!now.contains(user)) {
                    if (busy.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1) == null) {
                        freeSince.put(user, Instant.now());
                    }
                }
            }
        }
    }
}
