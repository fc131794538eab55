package se.plus.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.out.AuditRecord;
import se.plus.application.port.out.AuditTrail;
import se.plus.domain.number.Extension;

@ApplicationScoped
class JpaAuditTrail implements AuditTrail {

    private static final int MAX_TEXT = 4000;

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Override
    public void record(AuditRecord record) {
        var row = new AuditRecordEntity();
        row.at = record.at();
        row.actor = truncate(record.actor(), 100);
        row.entryPoint = record.entryPoint().name();
        row.extension = record.extension().orElse(null);
        row.action = truncate(record.action(), 100);
        row.before = truncate(record.before(), MAX_TEXT);
        row.after = truncate(record.after(), MAX_TEXT);
        em.persist(row);
    }

    @Override
    public List<AuditRecord> find(Optional<Extension> extension, Optional<Instant> since, int limit) {
        // Two plain queries rather than "(:ext is null or ...)", which PostgreSQL cannot type.
        var query = extension.isPresent()
                ? em.createQuery("select a from AuditRecordEntity a where a.extension = :ext and a.at >= :since"
                        + " order by a.id", AuditRecordEntity.class).setParameter("ext", extension.get().digits())
                : em.createQuery("select a from AuditRecordEntity a where a.at >= :since order by a.id",
                        AuditRecordEntity.class);
        return query.setParameter("since", since.orElse(Instant.EPOCH))
                .setMaxResults(limit)
                .getResultStream()
                .map(row -> new AuditRecord(row.at, row.actor, EntryPoint.valueOf(row.entryPoint),
                        Optional.ofNullable(row.extension), row.action, row.before, row.after))
                .toList();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
