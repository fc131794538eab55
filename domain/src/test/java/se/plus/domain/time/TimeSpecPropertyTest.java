package se.plus.domain.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import se.plus.domain.Generators;

class TimeSpecPropertyTest {

    /** DST zones (Lord Howe shifts by 30 minutes), and fixed-offset ones. */
    @Provide
    static Arbitrary<ZoneId> zones() {
        return Arbitraries.of("Europe/Stockholm", "America/New_York", "Australia/Lord_Howe", "America/Santiago",
                "UTC", "Asia/Kolkata").map(ZoneId::of);
    }

    @Provide
    static Arbitrary<ZoneId> fixedZones() {
        return Arbitraries.of("UTC", "Asia/Kolkata", "Etc/GMT+5").map(ZoneId::of);
    }

    /** Instants between 2020 and 2090, to the second, with a bias towards DST transition nights. */
    @Provide
    static Arbitrary<Instant> instants() {
        Arbitrary<Instant> any = Arbitraries.longs().between(1_577_836_800L, 3_786_912_000L).map(Instant::ofEpochSecond);
        Arbitrary<Instant> nearChange = Combinators.combine(Arbitraries.of(
                        "2027-03-28T01:00:00Z", "2026-10-25T01:00:00Z", "2027-03-14T07:00:00Z", "2026-11-01T06:00:00Z"),
                Arbitraries.longs().between(-26 * 3600, 26 * 3600))
                .as((t, s) -> Instant.parse(t).plusSeconds(s));
        return Arbitraries.oneOf(any, nearChange);
    }

    @Provide
    static Arbitrary<TimeSpec> specs() {
        return Generators.timeSpecs();
    }

    @Property
    void aResolvedTimeIsAlwaysInTheFuture(@ForAll("specs") TimeSpec spec, @ForAll("instants") Instant now,
                                          @ForAll("zones") ZoneId zone) {
        TimeResolution r = spec.resolve(now, zone);
        if (r instanceof TimeResolution.Until) {
            assertTrue(((TimeResolution.Until) r).at().isAfter(now), () -> spec + " at " + now + " → " + r);
        } else if (r instanceof TimeResolution.Invalid) {
            assertTrue(spec instanceof TimeSpec.OnDate, () -> spec + " invalid at " + now);
        } else {
            assertEquals(new TimeSpec.Days(0), spec);
        }
    }

    @Property
    void aClockTimeIsWithin24HoursWhereNoClockChanges(@ForAll("clockTimes") TimeSpec.ClockTime spec,
                                                     @ForAll("instants") Instant now, @ForAll("fixedZones") ZoneId zone) {
        Instant end = ((TimeResolution.Until) spec.resolve(now, zone)).at();
        assertTrue(Duration.between(now, end).compareTo(Duration.ofHours(24)) <= 0);
        assertEquals(LocalTime.of(spec.hour(), spec.minute()), end.atZone(zone).toLocalTime());
    }

    /**
     * Where clocks change, the next HH:MM can be 25 h ahead (the fall-back day is 25 h long), and a clock
     * time in a spring-forward gap becomes the gap's end; otherwise the wall clock shows HH:MM.
     */
    @Property
    void aClockTimeIsTheNextTimeTheWallClockShowsIt(@ForAll("clockTimes") TimeSpec.ClockTime spec,
                                                    @ForAll("instants") Instant now, @ForAll("zones") ZoneId zone) {
        Instant end = ((TimeResolution.Until) spec.resolve(now, zone)).at();
        assertTrue(end.isAfter(now));
        assertTrue(Duration.between(now, end).compareTo(Duration.ofHours(25)) <= 0, () -> now + " → " + end);
        ZonedDateTime local = end.atZone(zone);
        LocalTime wanted = LocalTime.of(spec.hour(), spec.minute());
        if (!local.toLocalTime().equals(wanted)) {
            assertTrue(zone.getRules().getValidOffsets(local.toLocalDate().atTime(wanted)).isEmpty(),
                    () -> wanted + " exists on " + local.toLocalDate() + " but resolved to " + local);
        }
        // No earlier instant after now shows that time: one minute before it the clock is elsewhere or past.
        Instant aMinuteEarlier = end.minusSeconds(60);
        assertTrue(!aMinuteEarlier.isAfter(now) || !aMinuteEarlier.atZone(zone).toLocalTime().equals(wanted));
    }

    @Property
    void daysAheadAreCalendarDays(@ForAll("instants") Instant now, @ForAll("zones") ZoneId zone) {
        for (int d = 1; d <= 9; d++) {
            Instant end = ((TimeResolution.Until) new TimeSpec.Days(d).resolve(now, zone)).at();
            assertEquals(now.atZone(zone).toLocalDate().plusDays(d), end.atZone(zone).toLocalDate());
        }
    }

    @Property
    void digitsParseBack(@ForAll("specs") TimeSpec spec) {
        assertEquals(new TimeSpecParse.Valid(spec), TimeSpec.parse(spec.digits()));
    }

    @Property
    void anyDigitsAreAnsweredWithoutThrowing(@ForAll String any) {
        Assume.that(any.length() < 100);
        TimeSpec.parse(any);
    }

    @Provide
    static Arbitrary<TimeSpec.ClockTime> clockTimes() {
        return Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59))
                .as(TimeSpec.ClockTime::new);
    }
}
