package se.plus.adapters.jms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.plus.domain.number.Extension;

class IntegratorsTest {

    private static final Extension ANNA = Extension.of("1001");
    private static final Extension BO = Extension.of("1002");

    @Test
    void withoutASettingAnIntegratorMayActForEveryExtension() {
        assertTrue(Integrators.scope(Optional.empty()).allows(ANNA));
        assertTrue(Integrators.scope(Optional.of(" * ")).allows(BO));
    }

    @Test
    void aListAllowsExactlyTheListedExtensions() {
        var scope = Integrators.scope(Optional.of("1001, 2001"));
        assertTrue(scope.allows(ANNA));
        assertFalse(scope.allows(BO));
    }

    @Test
    void noneAllowsNothing() {
        assertFalse(Integrators.scope(Optional.of("none")).allows(ANNA));
    }

    @Test
    void aSettingThatCannotBeReadAllowsNothingRatherThanEverything() {
        assertFalse(Integrators.scope(Optional.of("1001;1002")).allows(ANNA));
        assertFalse(Integrators.scope(Optional.of("all")).allows(ANNA));
    }
}
