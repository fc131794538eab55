package se.plus.application.port.in;

import java.time.Instant;
import java.util.List;
import se.plus.domain.number.Extension;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.User;

/** A user's whole service state: forwardings, the profile in force, queues with login state, ... */
public interface ReadServicesUseCase {

    /** @throws NoSuchUserException */
    Services read(Extension extension);

    /** {@code at} is the moment the state was read; the profile in force is the one at that moment. */
    record Services(User user, List<Queue> queues, Instant at) {
    }
}
