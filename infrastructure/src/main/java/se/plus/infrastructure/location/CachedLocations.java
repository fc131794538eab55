package se.plus.infrastructure.location;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.Locations;
import se.plus.domain.number.Extension;
import se.plus.infrastructure.cluster.SharedEntries;

/**
 * The location service in the {@code registrations} cache: on one server a local cache (phones register
 * again after a restart, they refresh within their expiry anyway), in a cluster a replicated one, so a
 * call arriving at any node rings every device wherever it registered, and a node's death loses none.
 * One entry per user holds all of its bindings, so the binding rules of RFC 3261 §10.3 steps 6–8 apply to
 * one REGISTER at a time, atomically per user, by compare-and-set across the nodes.
 */
@ApplicationScoped
public class CachedLocations implements Locations {

    @Resource(lookup = SharedEntries.JNDI + "registrations")
    ConcurrentMap<String, String> cache;

    CachedLocations() {
    }

    /** Over a cache of one's own (tests: a {@code ConcurrentHashMap} stands for the shared cache). */
    public CachedLocations(ConcurrentMap<String, String> cache) {
        this.cache = cache;
    }

    /** The current bindings of a user, most preferred (highest q, newest) first. */
    @Override
    public List<Binding> bindingsOf(Extension extension, Instant now) {
        return BindingCodec.decode(cache.get(extension.digits())).stream()
                .filter(b -> b.expires().isAfter(now))
                .sorted(Comparator.comparing(Binding::q).reversed().thenComparing(Binding::expires, Comparator.reverseOrder()))
                .toList();
    }

    @Override
    public Result update(Extension extension, List<ContactUpdate> contacts, RegisterSource from, Instant now) {
        var result = new Result[1];
        SharedEntries.update(cache, extension.digits(), stored -> {
            List<Binding> list = current(BindingCodec.decode(stored), now);
            for (ContactUpdate update : contacts) {
                Binding existing = find(list, update.contact());
                if (existing != null && existing.callId().equals(from.callId()) && from.cseq() <= existing.cseq()) {
                    result[0] = new OutOfOrder();
                    return stored;
                }
            }
            long added = contacts.stream()
                    .filter(u -> u.expiresSeconds() > 0 && find(list, u.contact()) == null)
                    .map(ContactUpdate::contact).distinct().count();
            if (list.size() + added > MAX_BINDINGS_PER_USER) {
                result[0] = new TooManyDevices(MAX_BINDINGS_PER_USER);
                return stored;
            }
            for (ContactUpdate update : contacts) {
                list.removeIf(b -> sameContact(b.contact(), update.contact()));
                if (update.expiresSeconds() > 0) {
                    list.add(new Binding(update.contact(), now.plusSeconds(update.expiresSeconds()), from.callId(),
                            from.cseq(), update.q(), from.dialect(), from.userAgent(), from.source()));
                }
            }
            result[0] = new Updated(List.copyOf(list));
            return BindingCodec.encode(list);
        });
        return result[0];
    }

    @Override
    public Result removeAll(Extension extension, RegisterSource from, Instant now) {
        var result = new Result[1];
        SharedEntries.update(cache, extension.digits(), stored -> {
            for (Binding b : BindingCodec.decode(stored)) {
                if (b.callId().equals(from.callId()) && from.cseq() <= b.cseq()) {
                    result[0] = new OutOfOrder();
                    return stored;
                }
            }
            result[0] = new Updated(List.of());
            return null;
        });
        return result[0];
    }

    /** Reads every user's entry: cheap enough for a metrics scrape every few seconds, not for every call. */
    @Override
    public int bindingCount(Instant now) {
        int count = 0;
        for (String stored : cache.values()) {
            count += current(BindingCodec.decode(stored), now).size();
        }
        return count;
    }

    /** Drops expired bindings and users left without any; every node does it now and then. */
    @Override
    public void purge(Instant now) {
        for (String user : List.copyOf(cache.keySet())) {
            SharedEntries.update(cache, user, stored -> {
                List<Binding> all = BindingCodec.decode(stored);
                List<Binding> left = current(all, now);
                return left.size() == all.size() ? stored : BindingCodec.encode(left);
            });
        }
    }

    private static List<Binding> current(List<Binding> list, Instant now) {
        return new ArrayList<>(list.stream().filter(b -> b.expires().isAfter(now)).toList());
    }

    private static Binding find(List<Binding> list, String contact) {
        for (Binding b : list) {
            if (sameContact(b.contact(), contact)) {
                return b;
            }
        }
        return null;
    }

    /** Case-insensitive: a simplification of RFC 3261 §19.1.4 that real phones never notice. */
    private static boolean sameContact(String a, String b) {
        return a.equalsIgnoreCase(b);
    }
}
