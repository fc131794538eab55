package se.plus.domain.call;

import java.util.List;
import java.util.Optional;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;
import se.plus.domain.user.TransferMode;
import se.plus.domain.user.User;

/** The rules of {@code #<n>} (FAQ "Överflytta pågående inkommande samtal"), applied in {@link #ALL}'s order. */
@FunctionalInterface
public interface TransferPolicy {

    Optional<Refusal> check(User user, Optional<OngoingCall> call);

    TransferPolicy needsAnOngoingCall = (user, call) -> call.isPresent()
            ? Optional.empty()
            : Optional.of(new Refusal(OutcomeCode.NOT_ALLOWED, "there is no ongoing call to transfer"));

    /** "OBS: endast inkommande samtal kan kopplas." */
    TransferPolicy onlyIncomingCallsMayBeTransferred = (user, call) ->
            call.isPresent() && call.get().direction() == CallDirection.OUTGOING
                    ? Optional.of(new Refusal(OutcomeCode.NOT_ALLOWED, "only incoming calls can be transferred"))
                    : Optional.empty();

    /** Transfer mode "Inga": calls are not transferred. */
    TransferPolicy transferModeNoneTransfersNothing = (user, call) -> user.transferMode() == TransferMode.NONE
            ? Optional.of(new Refusal(OutcomeCode.NOT_ALLOWED, "the transfer mode of " + user.extension() + " is None"))
            : Optional.empty();

    List<TransferPolicy> ALL = List.of(needsAnOngoingCall, onlyIncomingCallsMayBeTransferred,
            transferModeNoneTransfersNothing);
}
