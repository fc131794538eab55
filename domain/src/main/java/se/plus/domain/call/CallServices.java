package se.plus.domain.call;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.dialstring.BypassCall;
import se.plus.domain.dialstring.HiddenNumberCall;
import se.plus.domain.dialstring.Pickup;
import se.plus.domain.dialstring.SendToVoicemail;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.dialstring.TakeBack;
import se.plus.domain.dialstring.Transfer;
import se.plus.domain.event.CallPickedUp;
import se.plus.domain.event.CallTransferred;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Message;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;
import se.plus.domain.user.Colleagues;
import se.plus.domain.user.TransferMode;
import se.plus.domain.user.User;

/**
 * The codes that place or act on a call, decided from the user's state and what the call registry knows
 * (the ongoing call, the call ringing at a colleague). Pure: the phone adapter carries out a Done (connects,
 * diverts, places the call) and publishes its events. A Done leaves the user's state as it was.
 */
public final class CallServices {

    private final Colleagues colleagues;

    public CallServices() {
        this(Colleagues.none());
    }

    public CallServices(Colleagues colleagues) {
        this.colleagues = Objects.requireNonNull(colleagues, "colleagues");
    }

    /**
     * {@code #<n>} during a call. Done's action is the transfer mode: DIRECT connects the caller at once
     * (and the transfer is complete: CALL_TRANSFERRED); ANNOUNCED first connects the user to the target,
     * hanging up completes ({@link #completeTransfer}) and {@code *} takes the caller back.
     */
    public Outcome transfer(User user, Transfer command, Optional<OngoingCall> call, Instant now) {
        for (TransferPolicy policy : TransferPolicy.ALL) {
            Optional<Refusal> refusal = policy.check(user, call);
            if (refusal.isPresent()) {
                return refusal.get().toOutcome();
            }
        }
        Optional<Refusal> unknown = unknownTarget(command.target());
        if (unknown.isPresent()) {
            return unknown.get().toOutcome();
        }
        PhoneNumber target = command.target();
        if (user.transferMode() == TransferMode.DIRECT) {
            return done(command, TransferMode.DIRECT.name(), user,
                    List.of(new CallTransferred(user.extension(), now, target, TransferMode.DIRECT)),
                    new Message("Samtalet kopplas till " + target, "The call is being transferred to " + target));
        }
        return done(command, TransferMode.ANNOUNCED.name(), user, List.of(),
                new Message("Du kopplas till " + target + ". Lägg på för att koppla samtalet, * tar tillbaka det.",
                        "You are connected to " + target + ". Hang up to transfer the call, * takes it back."));
    }

    /** The user hung up during an announced transfer: the caller is now with {@code target}. */
    public Outcome completeTransfer(User user, PhoneNumber target, Instant now) {
        return new Outcome.Done("TRANSFER", "COMPLETE", user, Optional.empty(),
                List.of(new CallTransferred(user.extension(), now, target, TransferMode.ANNOUNCED)),
                new Message("Samtalet är kopplat till " + target, "The call is transferred to " + target));
    }

    /** {@code *} during an announced transfer to {@code pendingTarget}; without one there is nothing to take back. */
    public Outcome takeBack(User user, TakeBack command, Optional<PhoneNumber> pendingTarget) {
        if (pendingTarget.isEmpty()) {
            return new Outcome.Refused(OutcomeCode.SERVICE_NOT_ACTIVE, "no announced transfer is in progress");
        }
        return done(command, command.action(), user, List.of(),
                new Message("Du har tagit tillbaka samtalet", "You have taken the call back"));
    }

    /** {@code *80*<n>}: take the call ringing at the colleague, if it is an incoming direct call. */
    public Outcome pickup(User picker, Pickup command, Optional<RingingCall> ringing, Instant now) {
        for (PickupPolicy policy : PickupPolicy.ALL) {
            Optional<Refusal> refusal = policy.check(picker.extension(), ringing);
            if (refusal.isPresent()) {
                return refusal.get().toOutcome();
            }
        }
        RingingCall call = ringing.orElseThrow();
        return done(command, command.action(), picker,
                List.of(new CallPickedUp(picker.extension(), now, call.ringingAt(), call.caller())),
                new Message("Du har tagit samtalet från " + call.caller().map(Object::toString).orElse("dolt nummer"),
                        "You picked up the call from " + call.caller().map(Object::toString).orElse("a hidden number")));
    }

    /** {@code *59*<n>}: the ongoing call goes to the voicemail of {@code <n>}, a colleague. */
    public Outcome sendToVoicemail(User user, SendToVoicemail command, Optional<OngoingCall> call) {
        if (call.isEmpty()) {
            return new Outcome.Refused(OutcomeCode.NOT_ALLOWED, "there is no ongoing call to send to voicemail");
        }
        if (call.get().direction() == CallDirection.OUTGOING) {
            // [decided] As for a transfer: the one who was called hands the caller on, not the other way round.
            return new Outcome.Refused(OutcomeCode.NOT_ALLOWED, "only an incoming call can be sent to a voicemail");
        }
        PhoneNumber mailbox = command.mailbox();
        if (mailbox.isExternal() && colleagues.findByNumber(mailbox).isEmpty()) {
            return new Outcome.Refused(OutcomeCode.UNKNOWN_NUMBER, mailbox + " has no voicemail in this PBX");
        }
        Optional<Refusal> unknown = unknownTarget(mailbox);
        if (unknown.isPresent()) {
            return unknown.get().toOutcome();
        }
        return done(command, command.action(), user, List.of(), new Message(
                "Samtalet kopplas till röstbrevlådan för " + mailbox, "The call goes to the voicemail of " + mailbox));
    }

    /** {@code *60*<n>}: a call to the colleague that their routing treats with {@code bypass}. */
    public Outcome bypassCall(User caller, BypassCall command) {
        Optional<Refusal> unknown = unknownTarget(command.target());
        if (unknown.isPresent()) {
            return unknown.get().toOutcome();
        }
        return done(command, command.action(), caller, List.of(), new Message(
                "Ringer " + command.target() + " förbi spärr, hänvisning och vidarekoppling",
                "Calling " + command.target() + " past barring, referral and forwarding"));
    }

    /** {@code *31*<n>}: this one call with the caller id withheld. */
    public Outcome hiddenNumberCall(User caller, HiddenNumberCall command) {
        return done(command, command.action(), caller, List.of(), new Message(
                "Ringer " + command.target() + " med dolt nummer", "Calling " + command.target() + " with a hidden number"));
    }

    /**
     * Whether an outgoing call shows no caller id: {@code *31*} for this call, or the admin setting
     * "hidden number on all external calls" for a call leaving the PBX.
     */
    public static boolean withholdsCallerId(User caller, PhoneNumber target, boolean hiddenByCode) {
        return hiddenByCode || (caller.hideNumberOnExternalCalls() && target.isExternal());
    }

    private Optional<Refusal> unknownTarget(PhoneNumber target) {
        if (target.isExtension() && colleagues.knowsEveryExtension() && colleagues.findByNumber(target).isEmpty()) {
            return Optional.of(new Refusal(OutcomeCode.UNKNOWN_NUMBER, "no extension " + target));
        }
        return Optional.empty();
    }

    private static Outcome done(ServiceCommand command, String action, User user, List<DomainEvent> events,
                                Message message) {
        return new Outcome.Done(command.service(), action, user, Optional.empty(), events, message);
    }
}
