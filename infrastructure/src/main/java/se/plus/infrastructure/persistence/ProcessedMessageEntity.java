package se.plus.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "processed_messages")
class ProcessedMessageEntity {

    @Id
    @Column(name = "message_id")
    String messageId;
    @Column(name = "processed_at")
    Instant processedAt;
    @Column(name = "reply_outcome")
    String replyOutcome;
    String reply;
}
