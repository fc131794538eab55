package se.plus.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import se.plus.application.port.in.ExplainRouteUseCase;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.LiveCalls;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.call.CallParty;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.User;

@ApplicationScoped
class ExplainRouteService implements ExplainRouteUseCase {

    private final Users users;
    private final CallRouter router;
    private final UnitOfWork unitOfWork;

    @Inject
    ExplainRouteService(Users users, Locations locations, LiveCalls liveCalls, CompanySettings company,
                        UnitOfWork unitOfWork) {
        this.users = users;
        this.router = new CallRouter(users, locations, liveCalls, company);
        this.unitOfWork = unitOfWork;
    }

    @Override
    public CallRoute explain(Extension callee, Optional<PhoneNumber> from, Instant at) {
        return unitOfWork.inTransaction(() -> {
            User user = users.find(callee).orElseThrow(() -> new NoSuchUserException(callee));
            // A caller of ours is shown as on a real call: name and extension; anyone else by their number.
            CallParty caller = from.flatMap(users::findByNumber)
                    .map(u -> CallParty.colleague(u, false))
                    .orElseGet(() -> CallParty.external(from, from.isEmpty()));
            return router.toUser(user, callee.asPhoneNumber(), caller, false, at);
        });
    }
}
