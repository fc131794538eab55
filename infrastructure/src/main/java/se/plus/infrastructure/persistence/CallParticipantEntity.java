package se.plus.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "call_participants")
@IdClass(CallParticipantEntity.Key.class)
class CallParticipantEntity {

    @Id
    @ManyToOne
    @JoinColumn(name = "call_id")
    CallRecordEntity call;
    @Id
    String extension;
    @Column(name = "ended_at")
    Instant endedAt;

    static class Key implements Serializable {
        String call;
        String extension;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(call, key.call) && Objects.equals(extension, key.extension);
        }

        @Override
        public int hashCode() {
            return Objects.hash(call, extension);
        }
    }
}
