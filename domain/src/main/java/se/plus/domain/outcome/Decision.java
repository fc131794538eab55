package se.plus.domain.outcome;

import java.util.List;
import java.util.Objects;
import se.plus.domain.event.DomainEvent;

/**
 * What an aggregate's verb returns: the aggregate after the change with the events it raised, or the
 * refusal that left it untouched. No events means the verb was accepted but changed nothing.
 */
public sealed interface Decision<T> {

    static <T> Decision<T> accepted(T after, List<DomainEvent> events) {
        return new Accepted<>(after, events);
    }

    static <T> Decision<T> unchanged(T same) {
        return new Accepted<>(same, List.of());
    }

    static <T> Decision<T> rejected(Refusal refusal) {
        return new Rejected<>(refusal);
    }

    record Accepted<T>(T after, List<DomainEvent> events) implements Decision<T> {
        public Accepted {
            Objects.requireNonNull(after, "after");
            events = List.copyOf(events);
        }
    }

    record Rejected<T>(Refusal refusal) implements Decision<T> {
        public Rejected {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
