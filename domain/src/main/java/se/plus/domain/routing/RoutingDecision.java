package se.plus.domain.routing;

import java.util.List;
import java.util.Objects;

/**
 * The plan for a call with how it was reached: the rules asked before the deciding one, in order, each
 * of which let the call pass. With {@link RoutingPlan#rule()} and {@link RoutingPlan#explanation()} it is
 * the trace a person reads to see why a call went where it went.
 */
public record RoutingDecision(List<String> rulesPassed, RoutingPlan plan) {

    public RoutingDecision {
        rulesPassed = List.copyOf(rulesPassed);
        Objects.requireNonNull(plan, "plan");
    }
}
