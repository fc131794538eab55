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
    public Optional<Processed> find(String messageId) {
        return Optional.ofNullable(em.find(ProcessedMessageEntity.class, messageId)).map(row -> new Processed(row.processedAt,
                Optional.ofNullable(row.reply).map(reply -> new StoredReply(row.replyOutcome, reply))));
    }

    @Override
    public void record(String messageId, Instant at) {
        var row = new ProcessedMessageEntity();
        row.messageId = messageId;
        row.processedAt = at;
        em.persist(row);
    }

    @Override
    public void keepReply(String messageId, StoredReply reply) {
        ProcessedMessageEntity row = em.find(ProcessedMessageEntity.class, messageId);
        row.replyOutcome = reply.outcome();
        row.reply = reply.text();
    }
}
