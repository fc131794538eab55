package se.plus.infrastructure.health.checks;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready for phones and integrators when SIP answers and the database and the broker do. */
@Readiness
@ApplicationScoped
public class Ready implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return Components.check("plus-components", "sip", "database", "broker");
    }
}
