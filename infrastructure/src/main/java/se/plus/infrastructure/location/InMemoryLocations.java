package se.plus.infrastructure.location;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.Locations;
import se.plus.domain.number.Extension;

/**
 * The location service in memory, so phones register again after a restart (they refresh within
 * their expiry anyway).
 * Applies the binding rules of RFC 3261 §10.3 steps 7–8 for one REGISTER at a time, atomically per
 * user.
 */
@ApplicationScoped
public class InMemoryLocations implements Locations {

    private final Map<Extension, List<Binding>> bindings = new ConcurrentHashMap<>();

    /** The current bindings of a user, most preferred (highest q, newest) first. */
    @Override
    public List<Binding> bindingsOf(Extension extension, Instant now) {
        List<Binding> list = bindings.get(extension);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return list.stream()
                    .filter(b -> b.expires().isAfter(now))
                    .sorted(Comparator.comparing(Binding::q).reversed().thenComparing(Binding::expires, Comparator.reverseOrder()))
                    .toList();
        }
    }

    /**
     * Applies the contacts of one REGISTER. A device is identified by its contact URI; a refresh from
     * the same Call-ID must carry a higher CSeq.
     */
    @Override
    public Result update(Extension extension, List<ContactUpdate> contacts, RegisterSource from, Instant now) {
        List<Binding> list = bindings.computeIfAbsent(extension, e -> new ArrayList<>());
        synchronized (list) {
            list.removeIf(b -> !b.expires().isAfter(now));
            for (ContactUpdate update : contacts) {
                Binding existing = find(list, update.contact());
                if (existing != null && existing.callId().equals(from.callId()) && from.cseq() <= existing.cseq()) {
                    return new OutOfOrder();
                }
            }
            long added = contacts.stream()
                    .filter(u -> u.expiresSeconds() > 0 && find(list, u.contact()) == null)
                    .map(ContactUpdate::contact).distinct().count();
            if (list.size() + added > MAX_BINDINGS_PER_USER) {
                return new TooManyDevices(MAX_BINDINGS_PER_USER);
            }
            for (ContactUpdate update : contacts) {
                list.removeIf(b -> sameContact(b.contact(), update.contact()));
                if (update.expiresSeconds() > 0) {
                    list.add(new Binding(update.contact(), now.plusSeconds(update.expiresSeconds()), from.callId(),
                            from.cseq(), update.q(), from.dialect(), from.userAgent(), from.source()));
                }
            }
            return new Updated(current(list, now));
        }
    }

    /** {@code Contact: *} with {@code Expires: 0}: every binding of the user goes (§10.3 step 6). */
    @Override
    public Result removeAll(Extension extension, RegisterSource from, Instant now) {
        List<Binding> list = bindings.get(extension);
        if (list == null) {
            return new Updated(List.of());
        }
        synchronized (list) {
            for (Binding b : list) {
                if (b.callId().equals(from.callId()) && from.cseq() <= b.cseq()) {
                    return new OutOfOrder();
                }
            }
            list.clear();
            return new Updated(List.of());
        }
    }

    /** Drops expired bindings and users left without any; called now and then by the registrar. */
    @Override
    public void purge(Instant now) {
        bindings.values().forEach(list -> {
            synchronized (list) {
                list.removeIf(b -> !b.expires().isAfter(now));
            }
        });
        bindings.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                return entry.getValue().isEmpty();
            }
        });
    }

    private static List<Binding> current(List<Binding> list, Instant now) {
        return list.stream().filter(b -> b.expires().isAfter(now)).toList();
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
