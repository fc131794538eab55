package se.plus.infrastructure.health.checks;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the SIP listener answers: a listener thread that died (overload, a parser crash) is only
 * cured by a restart. A database or broker outage is not: a restart would not bring them back.
 */
@Liveness
@ApplicationScoped
public class Live implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return Components.check("plus-sip", "sip");
    }
}
