package se.plus.domain.event;

import java.time.Instant;
import java.util.Objects;
import se.plus.domain.number.Extension;

/** The user logged in to a queue and now takes its calls. */
public record QueueLogin(Extension extension, Instant at, int queueNumber) implements DomainEvent {

    public QueueLogin {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
        return "QUEUE_LOGIN";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.queueLogin(this);
    }
}
