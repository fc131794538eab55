package se.plus.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;
import se.plus.application.port.out.ProcessedMessages;

@ApplicationScoped
class JpaProcessedMessages implements ProcessedMessages {

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Override
    public Optional<Instant> processedAt(String messageId) {
        return Optional.ofNullable(em.find(ProcessedMessageEntity.class, messageId)).map(row -> row.processedAt);
    }

    @Override
    public void record(String messageId, Instant at) {
        var row = new ProcessedMessageEntity();
        row.messageId = messageId;
        row.processedAt = at;
        em.persist(row);
    }
}
