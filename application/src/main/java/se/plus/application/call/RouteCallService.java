package se.plus.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.LiveCalls;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.call.CallParty;
import se.plus.domain.dialstring.BypassCall;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.HiddenNumberCall;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.routing.DiversionCause;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.User;

/**
 * Resolves what was dialled: {@code *31*<n>} (this call with a hidden number) and {@code *60*<n>}
 * (bypass) wrap a number; a number of a colleague (extension, fixed or mobile) rings their devices; any
 * other public number leaves through the trunk. The rules that divert a call at call time (forwarding,
 * profiles, busy) plug in here next.
 */
@ApplicationScoped
class RouteCallService implements RouteCallUseCase {

    private final Users users;
    private final Queues queues;
    private final CallRouter router;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    @Inject
    RouteCallService(Users users, Queues queues, Locations locations, LiveCalls liveCalls, CompanySettings company,
                     UnitOfWork unitOfWork, Clock clock) {
        this.users = users;
        this.queues = queues;
        this.router = new CallRouter(users, locations, liveCalls, company);
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public CallRoute route(CallRequest request) {
        return unitOfWork.inTransaction(() -> routeInTransaction(request));
    }

    @Override
    public CallRoute transfer(Extension by, CallParty caller, PhoneNumber target) {
        return unitOfWork.inTransaction(() -> {
            if (users.find(by).isEmpty()) {
                return new Refused(OutcomeCode.NOT_ALLOWED, "no such user: " + by);
            }
            return toNumber(target, caller, false);
        });
    }

    @Override
    public CallRoute ringDevicesOf(Extension user, CallParty caller) {
        return unitOfWork.inTransaction(() -> users.find(user)
                .map(found -> router.toUser(found, user.asPhoneNumber(), caller, true, clock.instant()))
                .orElseGet(() -> new Refused(OutcomeCode.NOT_ALLOWED, "no such user: " + user)));
    }

    @Override
    public CallRoute toVoicemailOf(CallParty caller, PhoneNumber mailbox) {
        return unitOfWork.inTransaction(() -> users.findByNumber(mailbox)
                .<CallRoute>map(user -> new ToVoicemail(user.extension(), DiversionCause.DEFLECTION, caller, List.of(),
                        List.of(new Explanation(Optional.of(user.extension()), List.of(), "deflection",
                                "sent to the voicemail of " + user.extension() + " during the call (*59*)"))))
                .orElseGet(() -> new Refused(OutcomeCode.UNKNOWN_NUMBER, mailbox + " has no voicemail in this PBX")));
    }

    private CallRoute routeInTransaction(CallRequest request) {
        boolean hidden = false;
        boolean bypass = false;
        Optional<PhoneNumber> target;
        String dialled = request.dialled();
        if (dialled.startsWith("*")) {
            ParseResult parsed = DialStringParser.parse(dialled, request.dialect(), DialContext.DIALLED);
            if (parsed instanceof ParseResult.Parsed p && p.command() instanceof HiddenNumberCall call) {
                hidden = true;
                target = Optional.of(call.target());
            } else if (parsed instanceof ParseResult.Parsed p && p.command() instanceof BypassCall call) {
                bypass = true;
                target = Optional.of(call.target());
            } else {
                return new Refused(OutcomeCode.INVALID_CODE, dialled + " places no call");
            }
        } else {
            target = PhoneNumber.parse(dialled);
        }
        if (target.isEmpty()) {
            return new Refused(OutcomeCode.UNKNOWN_NUMBER, "not a phone number: " + dialled);
        }
        PhoneNumber number = target.get();
        Optional<User> callee = users.findByNumber(number);
        if (request.origin() instanceof FromTrunk trunk) {
            CallParty caller = CallParty.external(trunk.callerNumber().flatMap(PhoneNumber::parse), trunk.withheld());
            if (callee.isPresent()) {
                return router.toUser(callee.get(), number, caller, false, clock.instant());
            }
            Optional<Queue> queue = queueNumbered(number);
            if (queue.isPresent()) {
                return router.toQueue(queue.get(), caller, clock.instant());
            }
            return new Refused(OutcomeCode.UNKNOWN_NUMBER, number + " is no number of this PBX");
        }
        FromUser from = (FromUser) request.origin();
        Optional<User> callingUser = users.find(from.user());
        if (callingUser.isEmpty()) {
            return new Refused(OutcomeCode.NOT_ALLOWED, "no such user: " + from.user());
        }
        User user = callingUser.get();
        return toNumber(number, CallParty.colleague(user, hidden), bypass);
    }

    /** A colleague's number rings them, a queue's its members, any other leaves through the trunk. */
    private CallRoute toNumber(PhoneNumber number, CallParty caller, boolean bypass) {
        Optional<User> callee = users.findByNumber(number);
        if (callee.isPresent()) {
            return router.toUser(callee.get(), number, caller, bypass, clock.instant());
        }
        if (number.isExtension()) {
            Optional<Queue> queue = queueNumbered(number);
            if (queue.isPresent() && !bypass) {
                return router.toQueue(queue.get(), caller, clock.instant());
            }
            return new Refused(OutcomeCode.UNKNOWN_NUMBER, "no extension " + number);
        }
        if (bypass) {
            return new Refused(OutcomeCode.UNKNOWN_NUMBER, number + " is no colleague: *60* bypasses a colleague's rules");
        }
        return router.outThroughTrunk(number, caller, CallRouter.Path.START,
                Explanation.of("external", number + " is no number of this PBX: out through the trunk"));
    }

    /** A queue's number is dialled like an extension (short digits). */
    private Optional<Queue> queueNumbered(PhoneNumber number) {
        return number.isExtension() ? queues.find(Integer.parseInt(number.value())) : Optional.empty();
    }
}
