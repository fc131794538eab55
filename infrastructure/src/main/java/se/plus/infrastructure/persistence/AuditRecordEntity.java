package se.plus.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "audit_records")
class AuditRecordEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_records_seq")
    @SequenceGenerator(name = "audit_records_seq", sequenceName = "audit_records_seq", allocationSize = 50)
    Long id;
    Instant at;
    String actor;
    @Column(name = "entry_point")
    String entryPoint;
    String extension;
    String action;
    @Column(name = "before_state")
    String before;
    @Column(name = "after_state")
    String after;
}
