package se.plus.application.port.out;

import java.util.List;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.queue.Queue;

/** The answer groups of the PBX. */
public interface Queues {

    Optional<Queue> find(int number);

    List<Queue> all();

    List<Queue> withMember(Extension extension);

    /** {@code false} when the number is taken. */
    boolean add(Queue queue);

    /** @throws ConcurrentChangeException when someone else changed the queue since it was read */
    void save(Queue queue);

    boolean remove(int number);
}
