package se.plus.adapters.rest.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import se.plus.domain.number.Extension;

class ProblemMappersTest {

    @Test
    void theDomainRefusingAnExtensionIsBadInput() {
        var refused = assertThrows(IllegalArgumentException.class, () -> Extension.of("12x"));

        assertTrue(ProblemMappers.isOurVerdictOnInput(refused));
    }

    @Test
    void theJdkRefusingANumberWeParseIsBadInput() {
        var refused = assertThrows(IllegalArgumentException.class, () -> Integer.parseInt("tolv"));

        assertTrue(ProblemMappers.isOurVerdictOnInput(refused));
    }

    @Test
    void aLibraryRefusingOurQueryIsAServerErrorNotTheClients() {
        var refused = new IllegalArgumentException(
                "org.hibernate.query.sqm.StrictJpaComplianceViolation: use of set operations");
        refused.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.hibernate.internal.AbstractSharedSessionContract", "createQuery", null, 1),
            new StackTraceElement("se.plus.infrastructure.persistence.JpaUsers", "findByNumber", null, 1),
        });

        assertFalse(ProblemMappers.isOurVerdictOnInput(refused));
    }
}
