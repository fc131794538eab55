package se.plus.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.number.Extension;

/**
 * A call in progress, as call control shows it: who placed it, at whose devices it rings, who answered,
 * and an announced transfer's target. Numbers of callers who withheld them are not shown.
 */
public record LiveCallView(String id, String state, Optional<Extension> callerUser, Optional<String> callerNumber,
                           List<Extension> ringingAt, Optional<Extension> answeredBy, Optional<String> transferringTo) {

    public LiveCallView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(callerUser, "callerUser");
        Objects.requireNonNull(callerNumber, "callerNumber");
        ringingAt = List.copyOf(ringingAt);
        Objects.requireNonNull(answeredBy, "answeredBy");
        Objects.requireNonNull(transferringTo, "transferringTo");
    }

    /** The users this call concerns: who may see and control it besides an admin. */
    public boolean concerns(Extension user) {
        return concernsAny(user::equals);
    }

    /** True when one of the users it concerns passes {@code who} (e.g. "is the one asking"). */
    public boolean concernsAny(java.util.function.Predicate<Extension> who) {
        return callerUser.filter(who).isPresent() || ringingAt.stream().anyMatch(who) || answeredBy.filter(who).isPresent();
    }
}
