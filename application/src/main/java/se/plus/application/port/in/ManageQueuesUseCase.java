package se.plus.application.port.in;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.plus.domain.number.Extension;
import se.plus.domain.queue.Queue;
import se.plus.domain.queue.QueueStrategy;

/** The answer groups, as an admin manages them. */
public interface ManageQueuesUseCase {

    /** @throws QueueExistsException; @throws NoSuchUserException for a member that is no user */
    Queue create(int number, String name, Set<Extension> members, Optional<QueueStrategy> strategy, Actor actor);

    Optional<Queue> get(int number);

    List<Queue> list();

    /** Empty when there is no such queue. */
    Optional<Queue> change(int number, Optional<String> name, Optional<Set<Extension>> members,
                           Optional<QueueStrategy> strategy, Actor actor);

    boolean remove(int number, Actor actor);

    class QueueExistsException extends RuntimeException {
        public QueueExistsException(int number) {
            super("queue " + number + " exists");
        }
    }
}
