package se.plus.domain.number;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The Swedish fast path agrees with libphonenumber wherever it accepts a number. */
class NumberNormaliserPropertyTest {

    @Provide
    Arbitrary<String> swedish() {
        Arbitrary<String> nsn = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(14)
                .filter(s -> s.charAt(0) != '0');
        return Arbitraries.oneOf(nsn.map(s -> "0" + s), nsn.map(s -> "+46" + s), nsn.map(s -> "0046" + s));
    }

    @Property(tries = 3000)
    void theFastPathAgreesWithLibphonenumber(@ForAll("swedish") String raw) {
        Optional<PhoneNumber> fast = NumberNormaliser.normalise(raw);
        if (fast.isPresent() && fast.get().isExternal()) {
            assertEquals(NumberNormaliser.viaLibphonenumber(raw), Optional.of(fast.get().value()), raw);
        }
    }

    @Property(tries = 3000)
    void theFastPathRefusesOnlyWhatIsImpossible(@ForAll("swedish") String raw) {
        Optional<PhoneNumber> fast = NumberNormaliser.normalise(raw);
        Optional<String> slow = NumberNormaliser.viaLibphonenumber(raw);
        if (fast.isEmpty() && slow.isPresent()) {
            // libphonenumber kept the national prefix 0 in the number: +460…, which no Swedish number is.
            assertEquals("+460", slow.get().substring(0, 4), raw);
        }
    }
}
