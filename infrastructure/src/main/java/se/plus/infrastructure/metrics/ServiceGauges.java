package se.plus.infrastructure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.function.ToDoubleFunction;
import se.plus.application.port.out.LiveCalls;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Outbox;

/**
 * What an operator's dashboards read as "how many now", each read from its port when the registry is
 * scraped: registered devices and the outbox's backlog (the cluster's, both shared), calls in progress
 * (this server's). Registered at start, taken out at undeploy: WildFly keeps a deployment's meters
 * across a redeploy, and a gauge would go on reading the old deployment's objects.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ServiceGauges {

    static final String REGISTRATIONS = "plus.registrations";
    static final String LIVE_CALLS = "plus.calls.live";
    static final String OUTBOX_WAITING = "plus.outbox.waiting";

    @Inject
    MeterRegistry registry;

    @Inject
    Locations locations;

    @Inject
    LiveCalls liveCalls;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @PostConstruct
    void register() {
        // The registry holds what a gauge reads only weakly: the fields of this singleton keep them.
        gauge(REGISTRATIONS, locations, l -> l.bindingCount(clock.instant()));
        gauge(LIVE_CALLS, liveCalls, LiveCalls::count);
        gauge(OUTBOX_WAITING, outbox, Outbox::waiting);
    }

    private <T> void gauge(String name, T source, ToDoubleFunction<T> value) {
        registry.gauge(name, Tags.empty(), source, value);
    }

    @PreDestroy
    void unregister() {
        for (String name : List.of(REGISTRATIONS, LIVE_CALLS, OUTBOX_WAITING)) {
            Gauge gauge = registry.find(name).gauge();
            if (gauge != null) {
                registry.remove(gauge);
            }
        }
    }
}
