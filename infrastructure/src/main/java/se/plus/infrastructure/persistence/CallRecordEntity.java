package se.plus.infrastructure.persistence;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "call_records")
class CallRecordEntity {

    @Id
    String id;
    @Column(name = "from_number")
    String fromNumber;
    @Column(name = "from_user")
    String fromUser;
    @Column(name = "to_number")
    String toNumber;
    @Column(name = "called_user")
    String calledUser;
    @Column(name = "answered_by")
    String answeredBy;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "answered_at")
    Instant answeredAt;
    @Column(name = "ended_at")
    Instant endedAt;
    String outcome;
    String detail;
    @OneToMany(mappedBy = "call", cascade = CascadeType.ALL, orphanRemoval = true)
    List<CallParticipantEntity> participants = new ArrayList<>();
}
