package se.plus.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.plus.application.port.out.Outbox;

/**
 * The outbox in the database the changes are stored in. Numbers each extension's events when the relay
 * first reads them rather than when they are written: the relay is the only writer of the sequences, so
 * changes never wait for one another on a counter, and the numbers follow the order of publication.
 * One relay per database at a time: the holder of the lease in {@code outbox_relay} (README, "Events").
 */
@ApplicationScoped
class JpaOutbox implements Outbox {

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Override
    @Transactional(TxType.MANDATORY)
    public void append(Entry entry) {
        var row = new OutboxEntity();
        row.eventId = entry.eventId();
        row.extension = entry.extension();
        row.type = entry.type();
        row.source = entry.source();
        row.payload = entry.payload();
        em.persist(row);
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public List<Pending> next(int limit) {
        List<OutboxEntity> rows = em.createQuery("select o from OutboxEntity o order by o.id", OutboxEntity.class)
                .setMaxResults(limit)
                .getResultList();
        Map<String, EventSequenceEntity> sequences = new HashMap<>();
        for (OutboxEntity row : rows) {
            if (row.sequence == null) {
                EventSequenceEntity last = sequences.computeIfAbsent(row.extension, this::sequenceOf);
                last.lastSequence++;
                row.sequence = last.lastSequence;
            }
        }
        return rows.stream().map(row -> new Pending(row.id, row.sequence,
                new Entry(row.eventId, row.extension, row.type, row.source, row.payload))).toList();
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public long waiting() {
        return em.createQuery("select count(o) from OutboxEntity o", Long.class).getSingleResult();
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public void sent(List<Long> ids) {
        if (!ids.isEmpty()) {
            em.createQuery("delete from OutboxEntity o where o.id in :ids").setParameter("ids", ids).executeUpdate();
        }
    }

    @Override
    @Transactional(TxType.REQUIRES_NEW)
    public boolean claimRelay(String node, Instant now, Instant until) {
        // One conditional update: the database's row lock decides between nodes claiming at once.
        return em.createNativeQuery("update outbox_relay set holder = ?, lease_until = ? "
                        + "where id = 1 and (holder is null or holder = ? or lease_until < ?)")
                .setParameter(1, node)
                .setParameter(2, until.toEpochMilli())
                .setParameter(3, node)
                .setParameter(4, now.toEpochMilli())
                .executeUpdate() == 1;
    }

    private EventSequenceEntity sequenceOf(String extension) {
        EventSequenceEntity found = em.find(EventSequenceEntity.class, extension);
        if (found != null) {
            return found;
        }
        var first = new EventSequenceEntity();
        first.extension = extension;
        em.persist(first);
        return first;
    }
}
