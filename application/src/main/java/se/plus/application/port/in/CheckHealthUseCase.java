package se.plus.application.port.in;

import se.plus.application.health.HealthReport;

/** Whether the server can do its work: every component it needs answers. */
public interface CheckHealthUseCase {

    HealthReport check();
}
