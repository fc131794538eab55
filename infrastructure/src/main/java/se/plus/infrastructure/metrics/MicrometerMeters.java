package se.plus.infrastructure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.out.Meters;

/**
 * The counters of {@link Meters} in the server's Micrometer registry (WildFly's micrometer subsystem hands
 * each deployment one, and exports it: README, "Metrics"). Prometheus shows {@code plus.calls} as
 * {@code plus_calls_total}.
 */
@ApplicationScoped
public class MicrometerMeters implements Meters {

    static final String CALLS = "plus.calls";
    static final String CODES = "plus.codes";
    static final String SHED = "plus.sip.shed";

    private final MeterRegistry registry;

    @Inject
    public MicrometerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void callEnded(String outcome) {
        // The registry keeps one counter per name and tags, so asking for it each time is a map lookup.
        registry.counter(CALLS, Tags.of("outcome", outcome)).increment();
    }

    @Override
    public void codeExecuted(String outcome, EntryPoint via) {
        registry.counter(CODES, Tags.of("outcome", outcome, "via", via.name())).increment();
    }

    @Override
    public void requestShed(String method) {
        registry.counter(SHED, Tags.of("method", method)).increment();
    }
}
