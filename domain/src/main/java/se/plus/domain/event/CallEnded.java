package se.plus.domain.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.routing.Diversion;

/**
 * A call finished: its call detail record (contract, JMS "Calls"). {@code extension} is the user the call
 * was for, or the calling user for a call out through the trunk.
 */
public record CallEnded(Extension extension, Instant at, String callId, String from, String to,
                        Optional<Extension> answeredBy, Instant start, Optional<Instant> answer, String outcome,
                        List<Diversion> diversions) implements DomainEvent {

    public CallEnded {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(outcome, "outcome");
        diversions = List.copyOf(diversions);
    }

    @Override
    public String type() {
        return "CALL_ENDED";
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.callEnded(this);
    }
}
