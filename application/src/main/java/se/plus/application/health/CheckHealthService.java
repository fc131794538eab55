package se.plus.application.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.TreeMap;
import se.plus.application.port.in.CheckHealthUseCase;
import se.plus.application.port.out.ComponentProbe;

@ApplicationScoped
class CheckHealthService implements CheckHealthUseCase {

    private final Instance<ComponentProbe> probes;

    @Inject
    CheckHealthService(@Any Instance<ComponentProbe> probes) {
        this.probes = probes;
    }

    @Override
    public HealthReport check() {
        var components = new TreeMap<String, Boolean>();
        for (ComponentProbe probe : probes) {
            components.put(probe.component(), safely(probe));
        }
        return new HealthReport(components);
    }

    private static boolean safely(ComponentProbe probe) {
        try {
            return probe.isUp();
        } catch (RuntimeException failure) {
            return false;
        }
    }
}
