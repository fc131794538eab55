package se.plus.infrastructure.voicemail;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import se.plus.application.port.out.MailboxChanges;
import se.plus.domain.number.Extension;
import se.plus.infrastructure.cluster.SharedEntries;

/**
 * The mailboxes' change marks in the {@code mailboxes} cache, one entry per mailbox that ever changed:
 * a random mark, replaced at each change (local on one server, replicated in a cluster).
 */
@ApplicationScoped
public class CachedMailboxChanges implements MailboxChanges {

    @Resource(lookup = SharedEntries.JNDI + "mailboxes")
    ConcurrentMap<String, String> cache;

    CachedMailboxChanges() {
    }

    /** Over a cache of one's own (tests: a {@code ConcurrentHashMap} stands for the shared cache). */
    public CachedMailboxChanges(ConcurrentMap<String, String> cache) {
        this.cache = cache;
    }

    @Override
    public String mark(Extension mailbox) {
        String mark = UUID.randomUUID().toString();
        cache.put(mailbox.digits(), mark);
        return mark;
    }

    @Override
    public Optional<String> lastMark(Extension mailbox) {
        return Optional.ofNullable(cache.get(mailbox.digits()));
    }
}
