package se.plus.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "outbox")
class OutboxEntity {

    /** An identity column: the order in which changes wrote their events, across every server on the database. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "event_id")
    String eventId;
    String extension;
    String type;
    String source;
    String payload;
    Long sequence;
}
