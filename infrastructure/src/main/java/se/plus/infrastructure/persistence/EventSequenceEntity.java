package se.plus.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "event_sequences")
class EventSequenceEntity {

    @Id
    String extension;
    @Column(name = "last_sequence")
    long lastSequence;
}
