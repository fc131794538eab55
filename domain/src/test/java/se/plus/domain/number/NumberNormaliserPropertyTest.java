package se.plus.domain.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast path of {@link NumberNormaliser} agrees with a full libphonenumber parse. */
class NumberNormaliserPropertyTest {

    @Provide
    Arbitrary<String> nationalSignificantNumbers() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(16);
    }

    /** Swedish national input, and international input to every fast country and a few others. */
    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> cc = Arbitraries.of(NumberNormaliser.FAST_REGIONS)
                .map(r -> Integer.toString(PhoneNumberUtil.getInstance().getCountryCodeForRegion(r)));
        Arbitrary<String> otherCc = Arbitraries.of("39", "54", "55", "7", "370", "81", "86", "998");
        Arbitrary<String> prefix = Arbitraries.of("+", "00");
        Arbitrary<String> nsn = nationalSignificantNumbers();
        return Arbitraries.oneOf(
                nsn.map(n -> "0" + n),
                Combinators.combine(prefix, cc, nsn).as((p, c, n) -> p + c + n),
                Combinators.combine(prefix, otherCc, nsn).as((p, c, n) -> p + c + n));
    }

    @Property(tries = 5000)
    void whatTheFastPathAcceptsLibphonenumberAcceptsAlike(@ForAll("numbers") String raw) {
        Optional<PhoneNumber> normalised = NumberNormaliser.normalise(raw);
        if (normalised.isPresent() && normalised.get().isExternal()) {
            assertEquals(NumberNormaliser.viaLibphonenumber(raw), Optional.of(normalised.get().value()), raw);
        }
    }

    @Property(tries = 5000)
    void whatTheFastPathRefusesIsImpossibleOrASwedishLeadingZero(@ForAll("numbers") String raw) {
        if (NumberNormaliser.normalise(raw).isEmpty()) {
            Optional<String> slow = NumberNormaliser.viaLibphonenumber(raw);
            // libphonenumber keeps the national prefix 0 of an impossible Swedish number: +460…
            assertTrue(slow.isEmpty() || slow.get().startsWith("+460"), () -> raw + " → " + slow);
        }
    }
}
