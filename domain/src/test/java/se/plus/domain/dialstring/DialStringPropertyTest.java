package se.plus.domain.dialstring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import se.plus.domain.Generators;

class DialStringPropertyTest {

    @Property
    void anyStringIsAnsweredWithoutThrowing(@ForAll @StringLength(max = 300) String any,
                                            @ForAll Dialect dialect, @ForAll DialContext context) {
        assertNotNull(DialStringParser.parse(any, dialect, context));
    }

    @Property
    void anyStringOfCodeCharactersIsAnsweredWithoutThrowing(
            @ForAll @StringLength(max = 40) @CharRange(from = '0', to = '9') @Chars({'*', '#', '+', '%'}) String any,
            @ForAll Dialect dialect, @ForAll DialContext context) {
        assertNotNull(DialStringParser.parse(any, dialect, context));
    }

    @Property
    void aValidCodeWithNoiseAddedIsAnsweredWithoutThrowing(@ForAll("commands") ServiceCommand command,
                                                          @ForAll Dialect dialect,
                                                          @ForAll @StringLength(max = 4) @Chars({'*', '#', '+', '5', '%', '3'}) String noise,
                                                          @ForAll boolean atTheEnd) {
        String digits = DialStringRenderer.render(command, dialect);
        String mutated = atTheEnd ? digits + noise : noise + digits;
        assertNotNull(DialStringParser.parse(mutated, dialect, command.context()));
    }

    @Property
    void renderThenParseGivesTheSameCommand(@ForAll("commands") ServiceCommand command, @ForAll Dialect dialect) {
        String digits = DialStringRenderer.render(command, dialect);
        assertEquals(new ParseResult.Parsed(command), DialStringParser.parse(digits, dialect, command.context()),
                () -> digits);
    }

    @Property
    void hashAsPercent23ParsesTheSame(@ForAll("commands") ServiceCommand command, @ForAll Dialect dialect) {
        String digits = DialStringRenderer.render(command, dialect);
        assertEquals(DialStringParser.parse(digits, dialect, command.context()),
                DialStringParser.parse(digits.replace("#", "%23"), dialect, command.context()));
    }

    @Provide
    static Arbitrary<ServiceCommand> commands() {
        return Generators.commands();
    }

    @Property(tries = 50)
    void theLongestInputIsAnsweredQuickly(@ForAll @StringLength(min = 200, max = 256)
                                          @Chars({'*', '#', '1', '+'}) String any, @ForAll Dialect dialect) {
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            DialStringParser.parse(any, dialect, DialContext.DIALLED);
        }
        // 100 parses of 256 characters: generous bound, but a quadratic or backtracking parser blows it.
        assertEquals(true, System.nanoTime() - start < 200_000_000L);
    }

    static Optional<ServiceCommand> parsed(String digits, Dialect dialect, DialContext context) {
        ParseResult r = DialStringParser.parse(digits, dialect, context);
        return r instanceof ParseResult.Parsed ? Optional.of(((ParseResult.Parsed) r).command()) : Optional.empty();
    }
}
