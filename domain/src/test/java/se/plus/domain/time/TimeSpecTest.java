package se.plus.domain.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The time forms of FAQ "Aktivera en profil", resolved in Stockholm; 2026-11-24 is a Tuesday. */
class TimeSpecTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private static Instant local(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(STOCKHOLM).toInstant();
    }

    private static TimeSpec spec(String digits) {
        return assertInstanceOf(TimeSpecParse.Valid.class, TimeSpec.parse(digits)).spec();
    }

    private static Instant until(String digits, Instant now) {
        TimeResolution r = spec(digits).resolve(now, STOCKHOLM);
        return assertInstanceOf(TimeResolution.Until.class, r).at();
    }

    private static final Instant NOW = local(2026, 11, 24, 9, 15);

    @Nested
    @DisplayName("1 siffra betyder x dagar framåt (0 betyder tillsvidare)")
    class Days {

        @Test
        void daysAheadAtTheSameClockTime() {
            assertEquals(local(2026, 11, 27, 9, 15), until("3", NOW));
        }

        @Test
        void zeroIsUntilFurtherNotice() {
            assertEquals(TimeResolution.UntilFurtherNotice.INSTANCE, spec("0").resolve(NOW, STOCKHOLM));
        }

        @Test
        @DisplayName("calendar days keep the clock time across the DST change (23 elapsed hours)")
        void acrossSpringForward() {
            Instant saturday = local(2027, 3, 27, 10, 0);
            assertEquals(local(2027, 3, 28, 10, 0), until("1", saturday));
            assertEquals(Duration.ofHours(23), Duration.between(saturday, until("1", saturday)));
        }

        @Test
        @DisplayName("a same clock time that falls in the DST gap moves to the first valid instant")
        void intoTheGap() {
            Instant saturday = local(2027, 3, 27, 2, 30);
            assertEquals(local(2027, 3, 28, 3, 0), until("1", saturday));
        }
    }

    @Nested
    @DisplayName("2 siffror betyder x timmar framåt (inledande nolla under 10)")
    class Hours {

        @Test
        void hoursAhead() {
            assertEquals(NOW.plus(Duration.ofHours(2)), until("02", NOW));
            assertEquals(NOW.plus(Duration.ofHours(99)), until("99", NOW));
        }

        @Test
        @DisplayName("hours are elapsed hours: 3 hours from 01:00 on the spring-forward night is 05:00")
        void elapsedAcrossDst() {
            assertEquals(local(2027, 3, 28, 5, 0), until("03", local(2027, 3, 28, 1, 0)));
        }

        @Test
        @DisplayName("[decided] 00 is invalid")
        void zero() {
            assertInstanceOf(TimeSpecParse.Invalid.class, TimeSpec.parse("00"));
        }
    }

    @Nested
    @DisplayName("3 siffror betyder x minuter framåt (inledande nollor under 100)")
    class Minutes {

        @Test
        void minutesAhead() {
            assertEquals(NOW.plus(Duration.ofMinutes(45)), until("045", NOW));
            assertEquals(NOW.plus(Duration.ofMinutes(150)), until("150", NOW));
        }

        @Test
        @DisplayName("[decided] 000 is invalid")
        void zero() {
            assertInstanceOf(TimeSpecParse.Invalid.class, TimeSpec.parse("000"));
        }
    }

    @Nested
    @DisplayName("4 siffror tolkas som tidpunkt på dagen; har den passerat menas nästa dag")
    class ClockTime {

        @Test
        void laterToday() {
            assertEquals(local(2026, 11, 24, 13, 0), until("1300", NOW));
        }

        @Test
        void passedMeansTomorrow() {
            assertEquals(local(2026, 11, 25, 8, 0), until("0800", NOW));
        }

        @Test
        @DisplayName("the current minute has begun, so it means tomorrow")
        void nowMeansTomorrow() {
            assertEquals(local(2026, 11, 25, 9, 15), until("0915", NOW));
        }

        @Test
        void midnight() {
            assertEquals(local(2026, 11, 25, 0, 0), until("0000", NOW));
        }

        @Test
        @DisplayName("[decided] 02:30 on the spring-forward night does not exist: the first valid instant, 03:00")
        void dstGap() {
            assertEquals(local(2027, 3, 28, 3, 0), until("0230", local(2027, 3, 27, 22, 0)));
        }

        @Test
        @DisplayName("02:30 on the fall-back night happens twice: the first one")
        void dstOverlapFirst() {
            Instant evening = local(2026, 10, 24, 22, 0);
            Instant first = LocalDateTime.of(2026, 10, 25, 2, 30).atOffset(ZoneOffset.ofHours(2)).toInstant();
            assertEquals(first, until("0230", evening));
        }

        @Test
        @DisplayName("between the two 02:30s of the fall-back night, the second one is next")
        void dstOverlapSecond() {
            Instant between = LocalDateTime.of(2026, 10, 25, 2, 45).atOffset(ZoneOffset.ofHours(2)).toInstant();
            Instant second = LocalDateTime.of(2026, 10, 25, 2, 30).atOffset(ZoneOffset.ofHours(1)).toInstant();
            assertEquals(second, until("0230", between));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2400", "2500", "9999", "1260", "0075"})
        @DisplayName("[decided] hours > 23 and minutes > 59 are invalid")
        void invalid(String digits) {
            assertInstanceOf(TimeSpecParse.Invalid.class, TimeSpec.parse(digits));
        }
    }

    @Nested
    @DisplayName("6 siffror tolkas som datum (år, månad, dag)")
    class Date {

        @Test
        @DisplayName("[decided] until 00:00 at the start of that date")
        void startOfDate() {
            assertEquals(local(2026, 12, 24, 0, 0), until("261224", NOW));
            assertEquals(new TimeSpec.OnDate(LocalDate.of(2026, 12, 24)), spec("261224"));
        }

        @Test
        void tomorrowIsFine() {
            assertEquals(local(2026, 11, 25, 0, 0), until("261125", NOW));
        }

        @ParameterizedTest
        @ValueSource(strings = {"261124", "261123", "251231"})
        @DisplayName("[decided] a past date, or today (already begun), is invalid")
        void past(String digits) {
            assertInstanceOf(TimeResolution.Invalid.class, spec(digits).resolve(NOW, STOCKHOLM));
        }

        @ParameterizedTest
        @ValueSource(strings = {"261301", "261200", "260230", "270229", "260431"})
        @DisplayName("[decided] impossible dates are invalid")
        void impossible(String digits) {
            assertInstanceOf(TimeSpecParse.Invalid.class, TimeSpec.parse(digits));
        }

        @Test
        void leapDay() {
            assertEquals(new TimeSpec.OnDate(LocalDate.of(2028, 2, 29)), spec("280229"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345", "1234567", "12a4", "-1"})
    @DisplayName("[decided] 5 digits, more than 6, or anything not digits is invalid")
    void otherForms(String digits) {
        assertInstanceOf(TimeSpecParse.Invalid.class, TimeSpec.parse(digits));
    }

    @Test
    void digitsRenderBack() {
        for (String d : new String[] {"0", "7", "01", "99", "001", "120", "0000", "2359", "261224"}) {
            assertEquals(d, spec(d).digits());
        }
    }
}
