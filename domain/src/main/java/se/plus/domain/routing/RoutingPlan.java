package se.plus.domain.routing;

import java.util.List;
import java.util.Objects;

/**
 * What to do with an incoming call: ordered steps, the rule that decided ({@code rule}, a name from
 * {@link RoutingPolicy}), an explanation for people, and whether the caller id stays withheld on every
 * leg.
 */
public record RoutingPlan(List<RoutingStep> steps, String rule, String explanation, boolean withholdCallerId) {

    public RoutingPlan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one step");
        }
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(explanation, "explanation");
    }

    public RoutingStep first() {
        return steps.get(0);
    }
}
