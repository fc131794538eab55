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
import se.plus.application.port.out.Users;
import se.plus.application.service.ServiceExecution;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.call.CallDirection;
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
        Instant now = clock.instant();
        Actor actor = new Actor(user.extension().digits(), EntryPoint.SIP);
        if (command instanceof Transfer transfer) {
            Outcome outcome = services.transfer(user, transfer, call, now);
            if (!(outcome instanceof Outcome.Done done)) {
                return outcome;
            }
            CallRoute route = routes.transfer(user.extension(), ongoing.get().caller(), transfer.target());
            if (route instanceof Refused refused) {
                return new Outcome.Refused(refused.code(), refused.detail());
            }
            TransferMode mode = TransferMode.valueOf(done.action());
            if (!calls.transfer(keyed.callId(), user.extension(), transfer.target(), mode, route)) {
                return callChanged();
            }
            execution.publish(done.events(), actor);
            return done;
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
