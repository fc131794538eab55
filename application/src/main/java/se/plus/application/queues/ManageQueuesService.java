package se.plus.application.queues;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.ManageQueuesUseCase;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.out.AuditRecord;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.Users;
import se.plus.application.service.StateSummary;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;
import se.plus.domain.queue.Queue;
import se.plus.domain.queue.QueueStrategy;

@ApplicationScoped
class ManageQueuesService implements ManageQueuesUseCase {

    private final Queues queues;
    private final Users users;
    private final AuditTrail audit;
    private final Clock clock;
    private final UnitOfWork unitOfWork;

    @Inject
    ManageQueuesService(Queues queues, Users users, AuditTrail audit, Clock clock, UnitOfWork unitOfWork) {
        this.queues = queues;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
        this.unitOfWork = unitOfWork;
    }

    @Override
    public Queue create(int number, String name, Set<Extension> members, Optional<QueueStrategy> strategy, Actor actor) {
        return unitOfWork.inTransaction(() -> {
            requireUsers(members);
            Queue queue = Queue.create(number, name, members);
            queue = strategy.map(queue::withStrategy).orElse(queue);
            if (!queues.add(queue)) {
                throw new QueueExistsException(number);
            }
            record(actor, "QUEUE CREATE " + number, "-", StateSummary.of(queue));
            return queue;
        });
    }

    @Override
    public Optional<Queue> get(int number) {
        return unitOfWork.inTransaction(() -> queues.find(number));
    }

    @Override
    public List<Queue> list() {
        return unitOfWork.inTransaction(queues::all);
    }

    @Override
    public Optional<Queue> change(int number, Optional<String> name, Optional<Set<Extension>> members,
                                  Optional<QueueStrategy> strategy, Actor actor) {
        return UnitOfWork.retryingOnConflict(unitOfWork, () -> {
            Optional<Queue> found = queues.find(number);
            if (found.isEmpty()) {
                return Optional.<Queue>empty();
            }
            members.ifPresent(this::requireUsers);
            Queue before = found.get();
            Queue after = name.map(before::withName).orElse(before);
            after = members.map(after::withMembers).orElse(after);
            after = strategy.map(after::withStrategy).orElse(after);
            if (!after.equals(before)) {
                queues.save(after);
                record(actor, "QUEUE CHANGE " + number, StateSummary.of(before), StateSummary.of(after));
            }
            return Optional.of(after);
        });
    }

    @Override
    public boolean remove(int number, Actor actor) {
        return unitOfWork.inTransaction(() -> {
            Optional<Queue> found = queues.find(number);
            if (found.isEmpty()) {
                return false;
            }
            queues.remove(number);
            record(actor, "QUEUE DELETE " + number, StateSummary.of(found.get()), "-");
            return true;
        });
    }

    private void requireUsers(Set<Extension> members) {
        for (Extension member : members) {
            if (users.find(member).isEmpty()) {
                throw new NoSuchUserException(member);
            }
        }
    }

    private void record(Actor actor, String action, String before, String after) {
        audit.record(new AuditRecord(clock.instant(), actor.name(), actor.via(), Optional.empty(), action, before, after));
    }
}
