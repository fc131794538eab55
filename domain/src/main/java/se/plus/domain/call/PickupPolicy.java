package se.plus.domain.call;

import java.util.List;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;
import se.plus.domain.routing.CallKind;

/** The rules of {@code *80*<n>} (FAQ "Ta samtal"), applied in {@link #ALL}'s order. */
@FunctionalInterface
public interface PickupPolicy {

    Optional<Refusal> check(Extension picker, Optional<RingingCall> ringing);

    /** [decided] Nothing ringing at the colleague (or another pickup won): "Tjänsten är inte aktiv". */
    PickupPolicy somethingMustBeRinging = (picker, ringing) -> ringing.isPresent()
            ? Optional.empty()
            : Optional.of(new Refusal(OutcomeCode.SERVICE_NOT_ACTIVE, "no call is ringing there"));

    /** "Detta kan du endast göra på inkommande direktsamtal till dina kollegor." */
    PickupPolicy onlyIncomingDirectCallsMayBePickedUp = (picker, ringing) ->
            ringing.isPresent() && (ringing.get().kind() != CallKind.DIRECT
                    || ringing.get().direction() != CallDirection.INCOMING)
                    ? Optional.of(new Refusal(OutcomeCode.NOT_ALLOWED,
                            "only incoming direct calls can be picked up, not queue or outgoing calls"))
                    : Optional.empty();

    /** A call ringing at one's own phone is answered, not picked up. */
    PickupPolicy onlyColleaguesCallsMayBePickedUp = (picker, ringing) ->
            ringing.isPresent() && ringing.get().ringingAt().equals(picker)
                    ? Optional.of(new Refusal(OutcomeCode.NOT_ALLOWED, "the call rings at " + picker + " itself"))
                    : Optional.empty();

    List<PickupPolicy> ALL = List.of(somethingMustBeRinging, onlyIncomingDirectCallsMayBePickedUp,
            onlyColleaguesCallsMayBePickedUp);
}
