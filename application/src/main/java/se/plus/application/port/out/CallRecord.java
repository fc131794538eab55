package se.plus.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.plus.application.port.in.RouteCallUseCase.Explanation;
import se.plus.domain.number.Extension;
import se.plus.domain.routing.Diversion;

/**
 * A finished call, as the people in it and the admin may look it up: who called whom, when it was
 * answered and ended, how it ended, the diversions it went through, the decisions that routed it (the
 * trace) and every leg that was tried.
 *
 * @param from         the caller's number as shown, or {@code anonymous}
 * @param fromUser     the calling user, when the call came from one of ours
 * @param to           what was dialled
 * @param calledUser   the user the call was for before any diversion; empty for a call out through the trunk
 * @param outcome      ANSWERED, BUSY, NO_ANSWER, CANCELLED, REFUSED, FAILED …
 * @param participants every user of ours the call involved: who may read the record
 */
public record CallRecord(String id, String from, Optional<Extension> fromUser, String to,
                         Optional<Extension> calledUser, Optional<Extension> answeredBy, Instant start, Optional<Instant> answer, Instant end,
                         String outcome, List<Diversion> diversions, List<Explanation> trace, List<LegTried> legs,
                         Set<Extension> participants) {

    public CallRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(fromUser, "fromUser");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(calledUser, "calledUser");
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(outcome, "outcome");
        diversions = List.copyOf(diversions);
        trace = List.copyOf(trace);
        legs = List.copyOf(legs);
        participants = Set.copyOf(participants);
    }

    /**
     * One offer of the call: to a device of a user, the trunk or a voicemail server, and how it ended
     * (ANSWERED, BUSY, DECLINED, NO_ANSWER, CANCELLED, FAILED with its SIP status).
     */
    public record LegTried(String target, Optional<Extension> user, String result, int status) {
        public LegTried {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(result, "result");
        }
    }
}
