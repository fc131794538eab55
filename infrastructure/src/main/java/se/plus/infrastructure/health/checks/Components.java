package se.plus.infrastructure.health.checks;

import java.util.Map;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The application's probes as WildFly's health subsystem asks for them (GET /health/live, /health/ready on
 * the management port). Lives in the EAR's lib/, the only place the subsystem finds checks, and so sees
 * none of the modules' classes: reaches them by the global JNDI name of infrastructure's HealthComponents.
 */
final class Components {

    /** infrastructure's HealthComponents (not visible from lib/): the EAR is plus-services.ear, its module infrastructure.jar. */
    static final String JNDI = "java:global/plus-services/infrastructure/HealthComponents!java.util.function.Supplier";

    private Components() {
    }

    /** One check named {@code name}: up when each of {@code components} answers, each one's state as data. */
    static HealthCheckResponse check(String name, String... components) {
        var response = HealthCheckResponse.named(name);
        Map<String, Boolean> states;
        try {
            @SuppressWarnings("unchecked")
            var probes = (Supplier<Map<String, Boolean>>) InitialContext.doLookup(JNDI);
            states = probes.get();
        } catch (NamingException | RuntimeException notThere) {
            // The EAR is still starting or already stopping: nothing of it answers.
            return response.down().withData("error", String.valueOf(notThere)).build();
        }
        boolean up = true;
        for (String component : components) {
            boolean componentUp = Boolean.TRUE.equals(states.get(component));
            response.withData(component, componentUp ? "UP" : "DOWN");
            up &= componentUp;
        }
        return response.status(up).build();
    }
}
