package se.plus.domain.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "0701234567, +46701234567",
        "070-123 45 67, +46701234567",
        "08-600 10 01, +4686001001",
        "+46701234567, +46701234567",
        "0046701234567, +46701234567",
        "+49 30 1234567, +49301234567",
        "0049301234567, +49301234567",
    })
    @DisplayName("contract.md: national and international input is stored in E.164, country default SE")
    void e164(String raw, String e164) {
        PhoneNumber n = PhoneNumber.parse(raw).orElseThrow();
        assertEquals(e164, n.value());
        assertTrue(n.isExternal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "1001", "123456", "0701"})
    @DisplayName("contract.md: an extension (short number) is 2–6 digits and stays as dialled")
    void shortNumbers(String raw) {
        PhoneNumber n = PhoneNumber.parse(raw).orElseThrow();
        assertEquals(raw, n.value());
        assertTrue(n.isExtension());
        assertEquals(Optional.of(Extension.of(raw)), n.extension());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "+", "abc", "12a", "+0701234567", "070 123 45 67 89 01 23 45 67", "+46 1"})
    void notNumbers(String raw) {
        assertEquals(Optional.empty(), PhoneNumber.parse(raw));
    }

    @Test
    void nullIsNoNumber() {
        assertEquals(Optional.empty(), PhoneNumber.parse(null));
    }

    @Test
    @DisplayName("the canonical constructor accepts only stored forms")
    void canonicalForms() {
        assertThrows(IllegalArgumentException.class, () -> new PhoneNumber("0701234567"));
        assertThrows(IllegalArgumentException.class, () -> new PhoneNumber("1"));
        assertEquals("+46701234567", new PhoneNumber("+46701234567").value());
    }

    @ParameterizedTest(name = "{0} is keyed as {1}")
    @CsvSource({"+46701234567, 0701234567", "+4686001001, 086001001", "+49301234567, 0049301234567", "1001, 1001"})
    @DisplayName("dial digits: national form for Swedish numbers, 00 for foreign ones, and they parse back")
    void dialDigits(String stored, String digits) {
        PhoneNumber n = new PhoneNumber(stored);
        assertEquals(digits, n.dialDigits());
        assertEquals(n, PhoneNumber.parse(digits).orElseThrow());
    }

    @Test
    void extensionsAreTwoToSixDigits() {
        assertThrows(IllegalArgumentException.class, () -> Extension.of("1"));
        assertThrows(IllegalArgumentException.class, () -> Extension.of("1234567"));
        assertFalse(PhoneNumber.of("+46701234567").extension().isPresent());
    }
}
