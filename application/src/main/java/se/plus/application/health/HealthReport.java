package se.plus.application.health;

import java.util.Map;

/** The state of each probed component; the server is up only when every one is. */
public record HealthReport(Map<String, Boolean> components) {

    public HealthReport {
        components = Map.copyOf(components);
    }

    public boolean up() {
        return !components.isEmpty() && components.values().stream().allMatch(Boolean::booleanValue);
    }
}
