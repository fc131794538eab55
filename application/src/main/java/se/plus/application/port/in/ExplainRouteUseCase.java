package se.plus.application.port.in;

import java.time.Instant;
import java.util.Optional;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/**
 * The dry run: what would happen to a call for {@code callee} from {@code from} (a colleague's number,
 * an outside number, or withheld when empty) at {@code at}: the same route tree a real call would
 * follow, worked out by the same code, with nothing ringing.
 */
public interface ExplainRouteUseCase {

    /** @throws NoSuchUserException */
    CallRoute explain(Extension callee, Optional<PhoneNumber> from, Instant at);
}
