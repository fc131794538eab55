package se.plus.infrastructure.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import se.plus.application.port.in.EntryPoint;

class MicrometerMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMeters meters = new MicrometerMeters(registry);

    @Test
    void callsAreCountedPerOutcome() {
        meters.callEnded("ANSWERED");
        meters.callEnded("ANSWERED");
        meters.callEnded("BUSY");

        assertEquals(2, registry.get("plus.calls").tag("outcome", "ANSWERED").counter().count());
        assertEquals(1, registry.get("plus.calls").tag("outcome", "BUSY").counter().count());
    }

    @Test
    void codesAreCountedPerOutcomeAndEntryPoint() {
        meters.codeExecuted("DONE", EntryPoint.SIP);
        meters.codeExecuted("NOT_ALLOWED", EntryPoint.SIP);
        meters.codeExecuted("DONE", EntryPoint.REST);

        assertEquals(1, registry.get("plus.codes").tags("outcome", "DONE", "via", "SIP").counter().count());
        assertEquals(1, registry.get("plus.codes").tags("outcome", "NOT_ALLOWED", "via", "SIP").counter().count());
        assertEquals(1, registry.get("plus.codes").tags("outcome", "DONE", "via", "REST").counter().count());
    }

    @Test
    void shedRequestsAreCountedPerMethod() {
        meters.requestShed("INVITE");

        assertEquals(1, registry.get("plus.sip.shed").tag("method", "INVITE").counter().count());
        assertEquals(0, registry.find("plus.sip.shed").tag("method", "REGISTER").counters().size());
    }
}
