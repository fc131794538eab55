package se.plus.domain.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.user.User;

/**
 * Where an incoming call goes, as a pure function of the callee's state, the call and the time: the
 * first {@link RoutingRule} of {@link RoutingRule#ALL} that decides. Precedence: bypass, queue calls,
 * calls to the mobile (when it does not follow the fixed number), unconditional forwarding, the active
 * profile, busy, no-answer forwarding, ring. A diversion is followed only while the call has been diverted
 * fewer than {@link RoutingRule#MAX_HOPS} times, which cuts loops.
 */
public final class RoutingPolicy {

    private RoutingPolicy() {
    }

    public static RoutingPlan route(User callee, IncomingCall call, Instant now) {
        return decide(callee, call, now).plan();
    }

    /** The plan, with the names of the rules that were asked before it and let the call pass. */
    public static RoutingDecision decide(User callee, IncomingCall call, Instant now) {
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(now, "now");
        List<String> passed = new ArrayList<>(RoutingRule.ALL.size());
        for (int i = 0; i < RoutingRule.ALL.size(); i++) {
            Optional<RoutingPlan> plan = RoutingRule.ALL.get(i).decide(callee, call, now);
            if (plan.isPresent()) {
                return new RoutingDecision(passed, plan.get());
            }
            passed.add(RoutingRule.NAMES.get(i));
        }
        throw new IllegalStateException("the last routing rule always decides");
    }
}
