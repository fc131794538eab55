package se.plus.application.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;
import se.plus.application.port.in.ReadCallResourcesUseCase;
import se.plus.application.port.out.CallResources;
import se.plus.application.port.out.LiveCalls;

@ApplicationScoped
class ReadCallResourcesService implements ReadCallResourcesUseCase {

    private final LiveCalls liveCalls;
    private final Instance<CallResources> resources;

    @Inject
    ReadCallResourcesService(LiveCalls liveCalls, @Any Instance<CallResources> resources) {
        this.liveCalls = liveCalls;
        this.resources = resources;
    }

    @Override
    public Map<String, Integer> inUse() {
        var all = new TreeMap<String, Integer>();
        all.put("liveCalls", liveCalls.count());
        for (CallResources part : resources) {
            all.putAll(part.inUse());
        }
        return all;
    }
}
