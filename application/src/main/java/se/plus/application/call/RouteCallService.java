package se.plus.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.call.CallParty;
import se.plus.domain.call.CallServices;
import se.plus.domain.dialstring.BypassCall;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.HiddenNumberCall;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.routing.CalledNumber;
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
    private final Locations locations;
    private final CompanySettings company;
    private final UnitOfWork unitOfWork;
    private final Clock clock;

    @Inject
    RouteCallService(Users users, Locations locations, CompanySettings company, UnitOfWork unitOfWork, Clock clock) {
        this.users = users;
        this.locations = locations;
        this.company = company;
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    @Override
    public CallRoute route(CallRequest request) {
        return unitOfWork.inTransaction(() -> routeInTransaction(request));
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
            if (callee.isEmpty()) {
                return new Refused(OutcomeCode.UNKNOWN_NUMBER, number + " is no number of this PBX");
            }
            CallParty caller = CallParty.external(trunk.callerNumber().flatMap(PhoneNumber::parse), trunk.withheld());
            return ring(callee.get(), number, caller, false);
        }
        FromUser from = (FromUser) request.origin();
        Optional<User> callingUser = users.find(from.user());
        if (callingUser.isEmpty()) {
            return new Refused(OutcomeCode.NOT_ALLOWED, "no such user: " + from.user());
        }
        User user = callingUser.get();
        if (callee.isPresent()) {
            CallParty caller = new CallParty(Optional.of(user.extension()), Optional.of(new PhoneNumber(user.extension().digits())),
                    user.name(), hidden);
            return ring(callee.get(), number, caller, bypass);
        }
        if (number.isExtension()) {
            return new Refused(OutcomeCode.UNKNOWN_NUMBER, "no extension " + number);
        }
        if (bypass) {
            return new Refused(OutcomeCode.UNKNOWN_NUMBER, number + " is no colleague: *60* bypasses a colleague's rules");
        }
        if (!company.trunkAvailable()) {
            return new Refused(OutcomeCode.NOT_ALLOWED, "external calls are not possible: no trunk is configured");
        }
        // The trunk shows the user's public number; the extension means nothing outside the company.
        CallParty caller = new CallParty(Optional.of(user.extension()),
                user.fixedNumber().or(() -> Optional.of(new PhoneNumber(user.extension().digits()))), user.name(),
                CallServices.withholdsCallerId(user, number, hidden));
        return new OutThroughTrunk(number, caller);
    }

    private CallRoute ring(User callee, PhoneNumber number, CallParty caller, boolean bypass) {
        List<Binding> devices = locations.bindingsOf(callee.extension(), clock.instant());
        if (devices.isEmpty()) {
            return new Refused(OutcomeCode.SERVICE_NOT_ACTIVE, callee.extension() + " has no registered device");
        }
        CalledNumber called = callee.fixedNumber().filter(number::equals).isPresent() ? CalledNumber.FIXED
                : callee.mobileNumber().filter(number::equals).isPresent() ? CalledNumber.MOBILE
                : CalledNumber.EXTENSION;
        return new RingUser(callee, called, devices, caller, bypass);
    }
}
