package se.plus.application.incall;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.ControlCallUseCase;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.in.RouteCallUseCase.Refused;
import se.plus.application.port.out.CallControl;
import se.plus.application.port.out.CallControl.Ongoing;
import se.plus.application.port.out.LiveCallView;
import se.plus.application.port.out.Users;
import se.plus.application.service.ServiceExecution;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.call.CallDirection;
import se.plus.domain.call.CallParty;
import se.plus.domain.call.CallServices;
import se.plus.domain.call.OngoingCall;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.dialstring.Pickup;
import se.plus.domain.dialstring.SendToVoicemail;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.dialstring.TakeBack;
import se.plus.domain.dialstring.Transfer;
import se.plus.domain.event.CallTransferred;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.user.TransferMode;
import se.plus.domain.user.User;

/**
 * In-call codes and pickup: the domain's rules ({@link CallServices}) on what the phone adapter says
 * of the call, then the adapter carries the decision out ({@link CallControl}); the events go out once
 * it did.
 */
@ApplicationScoped
class ControlCallService implements ControlCallUseCase {

    private final Users users;
    private final CallControl calls;
    private final RouteCallUseCase routes;
    private final ServiceExecution execution;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    @Inject
    ControlCallService(Users users, CallControl calls, RouteCallUseCase routes, ServiceExecution execution,
                       UnitOfWork unitOfWork, Clock clock) {
        this.users = users;
        this.calls = calls;
        this.routes = routes;
        this.execution = execution;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public Outcome keyed(KeyedInCall keyed) {
        User user = user(keyed.user());
        ParseResult parsed = DialStringParser.parse(keyed.digits(), keyed.dialect(), DialContext.IN_CALL);
        if (parsed instanceof ParseResult.Rejected rejected) {
            return rejected.toOutcome();
        }
        ServiceCommand command = ((ParseResult.Parsed) parsed).command();
        Optional<Ongoing> ongoing = calls.ongoing(keyed.callId());
        Optional<OngoingCall> call = ongoing.map(o -> asSeenBy(o, user.extension()));
        CallServices services = new CallServices(execution.colleagues());
        Actor actor = new Actor(user.extension().digits(), EntryPoint.SIP);
        if (command instanceof Transfer transfer) {
            return transfer(keyed.callId(), user, transfer, ongoing, Optional.empty(), actor);
        }
        if (command instanceof TakeBack takeBack) {
            Outcome outcome = services.takeBack(user, takeBack, ongoing.flatMap(Ongoing::consultation)
                    .filter(target -> ongoing.get().answeredBy().equals(Optional.of(user.extension()))));
            if (outcome instanceof Outcome.Done && !calls.takeBack(keyed.callId(), user.extension())) {
                return callChanged();
            }
            return outcome;
        }
        if (command instanceof SendToVoicemail voicemail) {
            Outcome outcome = services.sendToVoicemail(user, voicemail, call);
            if (!(outcome instanceof Outcome.Done)) {
                return outcome;
            }
            CallRoute route = routes.toVoicemailOf(ongoing.get().caller(), voicemail.mailbox());
            if (route instanceof Refused refused) {
                return new Outcome.Refused(refused.code(), refused.detail());
            }
            return calls.sendToVoicemail(keyed.callId(), user.extension(), route) ? outcome : callChanged();
        }
        return new Outcome.Refused(OutcomeCode.INVALID_CODE, keyed.digits() + " is no in-call code");
    }

    /** The rules of {@code #<n>} on the call as the registry sees it; {@code mode} instead of the user's, if given. */
    private Outcome transfer(String callId, User user, Transfer transfer, Optional<Ongoing> ongoing,
                             Optional<TransferMode> mode, Actor actor) {
        Instant now = clock.instant();
        Outcome outcome = new CallServices(execution.colleagues())
                .transfer(user, transfer, ongoing.map(o -> asSeenBy(o, user.extension())), now);
        if (!(outcome instanceof Outcome.Done done)) {
            return outcome;
        }
        CallRoute route = routes.transfer(user.extension(), ongoing.get().caller(), transfer.target());
        if (route instanceof Refused refused) {
            return new Outcome.Refused(refused.code(), refused.detail());
        }
        TransferMode chosen = mode.orElse(TransferMode.valueOf(done.action()));
        if (!calls.transfer(callId, user.extension(), transfer.target(), chosen, route)) {
            return callChanged();
        }
        var outcomeDone = new Outcome.Done(done.service(), chosen.name(), done.userAfter(), done.queueAfter(),
                chosen == TransferMode.DIRECT ? List.of(new CallTransferred(user.extension(), now, transfer.target(),
                        TransferMode.DIRECT)) : List.of(), done.message());
        execution.publish(outcomeDone.events(), actor);
        return outcomeDone;
    }

    @Override
    public Outcome referred(String callId, Extension userNumber, String target, Optional<String> joining) {
        User user = user(userNumber);
        Optional<PhoneNumber> number = PhoneNumber.parse(target);
        if (number.isEmpty()) {
            return new Outcome.Refused(OutcomeCode.UNKNOWN_NUMBER, "not a phone number: " + target);
        }
        Optional<Ongoing> ongoing = calls.ongoing(callId);
        if (joining.isEmpty()) {
            return transfer(callId, user, new Transfer(number.get()), ongoing, Optional.of(TransferMode.DIRECT),
                    new Actor(user.extension().digits(), EntryPoint.SIP));
        }
        Instant now = clock.instant();
        Outcome outcome = new CallServices(execution.colleagues())
                .transfer(user, new Transfer(number.get()), ongoing.map(o -> asSeenBy(o, user.extension())), now);
        if (!(outcome instanceof Outcome.Done done)) {
            return outcome;
        }
        if (!calls.join(callId, joining.get(), user.extension())) {
            return callChanged();
        }
        var joined = new Outcome.Done(done.service(), TransferMode.ANNOUNCED.name(), done.userAfter(), done.queueAfter(),
                List.of(new CallTransferred(user.extension(), now, number.get(), TransferMode.ANNOUNCED)), done.message());
        execution.publish(joined.events(), new Actor(user.extension().digits(), EntryPoint.SIP));
        return joined;
    }

    @Override
    public Optional<LiveCallView> live(String callId) {
        return calls.live(callId);
    }

    @Override
    public List<LiveCallView> liveCallsOf(Extension user) {
        return calls.liveCallsOf(user);
    }

    @Override
    public Outcome transfer(String callId, String to, Optional<TransferMode> mode, Actor actor) {
        Optional<Ongoing> ongoing = calls.ongoing(callId);
        if (ongoing.isEmpty() || ongoing.get().answeredBy().isEmpty()) {
            return new Outcome.Refused(OutcomeCode.NOT_ALLOWED, "call " + callId + " is not connected to a user: nothing to transfer");
        }
        if (mode.filter(m -> m == TransferMode.NONE).isPresent()) {
            return new Outcome.Refused(OutcomeCode.INVALID_CODE, "a transfer is DIRECT or ANNOUNCED");
        }
        Optional<PhoneNumber> target = PhoneNumber.parse(to);
        if (target.isEmpty()) {
            return new Outcome.Refused(OutcomeCode.UNKNOWN_NUMBER, "not a phone number: " + to);
        }
        User user = user(ongoing.get().answeredBy().get());
        return transfer(callId, user, new Transfer(target.get()), ongoing, mode, actor);
    }

    @Override
    public Outcome pickUp(String callId, Extension by, Actor actor) {
        User picker = user(by);
        Optional<LiveCallView> view = calls.live(callId);
        Optional<CallControl.Ringing> ringing = view.filter(v -> "RINGING".equals(v.state()) && !v.ringingAt().isEmpty())
                .flatMap(v -> calls.ringingAt(v.ringingAt().get(0))).filter(r -> r.callId().equals(callId));
        Extension ringingAt = ringing.map(r -> r.call().ringingAt())
                .or(() -> view.flatMap(v -> v.ringingAt().stream().findFirst())).orElse(by);
        CallServices services = new CallServices(execution.colleagues());
        Pickup pickup = new Pickup(ringingAt.asPhoneNumber());
        Outcome outcome = services.pickup(picker, pickup, ringing.map(CallControl.Ringing::call), clock.instant());
        if (!(outcome instanceof Outcome.Done done)) {
            return outcome;
        }
        CallRoute route = routes.ringDevicesOf(by, ringing.get().caller());
        if (route instanceof Refused refused) {
            return new Outcome.Refused(refused.code(), refused.detail());
        }
        if (!(route instanceof RouteCallUseCase.RingUser ring) || ring.devices().isEmpty()) {
            return new Outcome.Refused(OutcomeCode.SERVICE_NOT_ACTIVE, by + " has no registered phone to take the call on");
        }
        if (!calls.pickUpTo(callId, by, route)) {
            return services.pickup(picker, pickup, Optional.empty(), clock.instant());
        }
        execution.publish(done.events(), actor);
        return done;
    }

    @Override
    public PlacedCall placeCall(Extension user, String to, Actor actor) {
        user(user);
        Optional<PhoneNumber> target = PhoneNumber.parse(to);
        if (target.isEmpty()) {
            return new PlacedCall(new Outcome.Refused(OutcomeCode.UNKNOWN_NUMBER, "not a phone number: " + to), Optional.empty());
        }
        CallRoute route = routes.ringDevicesOf(user, CallParty.external(target, false));
        if (!(route instanceof RouteCallUseCase.RingUser ring) || ring.devices().isEmpty()) {
            return new PlacedCall(new Outcome.Refused(OutcomeCode.SERVICE_NOT_ACTIVE,
                    user + " has no registered phone to place the call from"), Optional.empty());
        }
        Optional<String> callId = calls.placeCall(user, route, target.get().value());
        if (callId.isEmpty()) {
            return new PlacedCall(new Outcome.Refused(OutcomeCode.SERVICE_NOT_ACTIVE, "the call could not be placed now"),
                    Optional.empty());
        }
        return new PlacedCall(new Outcome.Done("CALL", "PLACED", user(user), Optional.empty(), List.of(),
                new se.plus.domain.outcome.Message("Dina telefoner ringer; svara för att ringa " + target.get(),
                        "Your phones ring; answer to call " + target.get())), callId);
    }

    @Override
    public Outcome pickUp(PickupRequest request) {
        User picker = user(request.picker());
        ParseResult parsed = DialStringParser.parse(request.digits(), request.dialect(), DialContext.DIALLED);
        if (parsed instanceof ParseResult.Rejected rejected) {
            return rejected.toOutcome();
        }
        if (!(((ParseResult.Parsed) parsed).command() instanceof Pickup pickup)) {
            return new Outcome.Refused(OutcomeCode.INVALID_CODE, request.digits() + " is no pickup code");
        }
        Optional<User> colleague = unitOfWork.inTransaction(() -> users.findByNumber(pickup.ringingAt()));
        if (colleague.isEmpty()) {
            return new Outcome.Refused(OutcomeCode.UNKNOWN_NUMBER, "no colleague has the number " + pickup.ringingAt());
        }
        Optional<CallControl.Ringing> ringing = calls.ringingAt(colleague.get().extension());
        CallServices services = new CallServices(execution.colleagues());
        Outcome outcome = services.pickup(picker, pickup, ringing.map(CallControl.Ringing::call), clock.instant());
        if (!(outcome instanceof Outcome.Done done)) {
            return outcome;
        }
        if (!request.claim().test(ringing.get().callId())) {
            // Another picker won, or the caller gave up, since the call was looked up: as if nothing rang.
            return services.pickup(picker, pickup, Optional.empty(), clock.instant());
        }
        execution.publish(done.events(), new Actor(picker.extension().digits(), EntryPoint.SIP));
        return done;
    }

    @Override
    public void transferCompleted(String callId, Extension user, PhoneNumber target) {
        execution.publish(List.of(new CallTransferred(user, clock.instant(), target, TransferMode.ANNOUNCED)),
                new Actor(user.digits(), EntryPoint.SIP));
    }

    private User user(Extension extension) {
        return unitOfWork.inTransaction(() -> users.find(extension)).orElseThrow(() -> new NoSuchUserException(extension));
    }

    /** The user's side of the call: placed it (outgoing) or was called (incoming); the other party. */
    private static OngoingCall asSeenBy(Ongoing call, Extension user) {
        if (call.caller().user().equals(Optional.of(user))) {
            return new OngoingCall(CallDirection.OUTGOING, Optional.empty());
        }
        return new OngoingCall(CallDirection.INCOMING, call.caller().hidden() ? Optional.empty() : call.caller().number());
    }

    private static Outcome callChanged() {
        return new Outcome.Refused(OutcomeCode.SERVICE_NOT_ACTIVE, "the call ended or changed meanwhile");
    }
}
