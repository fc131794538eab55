package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import se.plus.domain.number.Extension;

/** The user logged out of a queue. */
public record QueueLogout(Extension extension, Instant at, int queueNumber) implements DomainEvent {

    public QueueLogout {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return "QUEUE_LOGOUT";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.queueLogout(this);
    }
}
