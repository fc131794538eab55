package se.plus.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.plus.application.port.out.ConcurrentChangeException;
import se.plus.application.port.out.Queues;
import se.plus.domain.number.Extension;
import se.plus.domain.queue.Queue;
import se.plus.domain.queue.QueueStrategy;

@ApplicationScoped
class JpaQueues implements Queues {

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Override
    public Optional<Queue> find(int number) {
        return Optional.ofNullable(em.find(QueueEntity.class, number)).map(JpaQueues::toDomain);
    }

    @Override
    public List<Queue> all() {
        return em.createQuery("select q from QueueEntity q order by q.number", QueueEntity.class)
                .getResultStream().map(JpaQueues::toDomain).toList();
    }

    @Override
    public List<Queue> withMember(Extension extension) {
        return em.createQuery("select distinct q from QueueEntity q join q.members m where m.extension = :ext"
                        + " order by q.number", QueueEntity.class)
                .setParameter("ext", extension.digits())
                .getResultStream().map(JpaQueues::toDomain).toList();
    }

    @Override
    public boolean add(Queue queue) {
        if (em.find(QueueEntity.class, queue.number()) != null) {
            return false;
        }
        var row = new QueueEntity();
        copy(queue, row);
        em.persist(row);
        return true;
    }

    @Override
    public void save(Queue queue) {
        QueueEntity row = em.find(QueueEntity.class, queue.number());
        if (row == null) {
            throw new ConcurrentChangeException("queue " + queue.number() + " (removed)", null);
        }
        copy(queue, row);
        try {
            em.flush();
        } catch (OptimisticLockException lost) {
            throw new ConcurrentChangeException("queue " + queue.number(), lost);
        }
    }

    @Override
    public boolean remove(int number) {
        QueueEntity row = em.find(QueueEntity.class, number);
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }

    private static Queue toDomain(QueueEntity row) {
        Set<Extension> members = row.members.stream().map(m -> Extension.of(m.extension)).collect(Collectors.toSet());
        Set<Extension> loggedIn = row.members.stream().filter(m -> m.loggedIn)
                .map(m -> Extension.of(m.extension)).collect(Collectors.toSet());
        return new Queue(row.number, row.name, members, loggedIn, QueueStrategy.valueOf(row.strategy));
    }

    private static void copy(Queue queue, QueueEntity row) {
        row.number = queue.number();
        row.name = queue.name();
        row.strategy = queue.strategy().name();
        Set<QueueMemberEmbeddable> members = queue.members().stream()
                .map(m -> new QueueMemberEmbeddable(m.digits(), queue.isLoggedIn(m)))
                .collect(Collectors.toSet());
        if (!members.equals(row.members)) {
            row.members.retainAll(members);
            row.members.addAll(members);
        }
    }
}
