package se.plus.application.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void upOnlyWhenEveryComponentIsUp() {
        assertTrue(new HealthReport(Map.of("database", true, "sip", true)).up());
        assertFalse(new HealthReport(Map.of("database", true, "sip", false)).up());
    }

    @Test
    void nothingProbedIsNotUp() {
        assertFalse(new HealthReport(Map.of()).up());
    }
}
