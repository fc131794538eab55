package se.plus.infrastructure.persistence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.HashSet;
import java.util.Set;

@Entity
@Table(name = "queues")
class QueueEntity {

    @Id
    int number;
    String name;
    String strategy;
    @Version
    long version;

    @ElementCollection
    @CollectionTable(name = "queue_members", joinColumns = @JoinColumn(name = "queue_number"))
    Set<QueueMemberEmbeddable> members = new HashSet<>();
}
