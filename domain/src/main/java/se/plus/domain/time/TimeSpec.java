package se.plus.domain.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The {@code <t>} of {@code *24*<p>*<t>}: how long a profile stays active, told by its number of digits
 * (plus-services.md, "Profiles"). Each form resolves against the time the code was dialled and the
 * company's time zone; the digits are kept so a spec renders back to what was dialled.
 *
 * <ul>
 *   <li>1 digit {@code d}: d calendar days ahead at the same clock time; {@code 0} until further notice.
 *   <li>2 digits {@code hh}: hh hours ahead (01–99).
 *   <li>3 digits {@code mmm}: mmm minutes ahead (001–999).
 *   <li>4 digits {@code HHMM}: the next time the clock shows HH:MM.
 *   <li>6 digits {@code YYMMDD}: until 00:00 at the start of 20YY-MM-DD.
 * </ul>
 */
public sealed interface TimeSpec {

    /** The digits that express this spec, as dialled. */
    String digits();

    /** When an activation with this spec ends, dialled at {@code now} in {@code zone}. */
    TimeResolution resolve(Instant now, ZoneId zone);

    /** Reads the digits of {@code <t>}; any form the spec does not list is invalid, never guessed. */
    static TimeSpecParse parse(String digits) {
        return TimeSpecParser.parse(digits);
    }

    /** {@code d} calendar days ahead, same clock time; 0 means until further notice. */
    record Days(int days) implements TimeSpec {
        public Days {
            if (days < 0 || days > 9) {
                throw new IllegalArgumentException("days ahead is one digit: " + days);
            }
        }

        @Override
        public String digits() {
            return Integer.toString(days);
        }

        @Override
        public TimeResolution resolve(Instant now, ZoneId zone) {
            if (days == 0) {
                return TimeResolution.UntilFurtherNotice.INSTANCE;
            }
            ZonedDateTime start = now.atZone(zone);
            LocalDateTime target = start.toLocalDateTime().plusDays(days);
            return new TimeResolution.Until(WallClock.instantOf(target, zone, start.getOffset()));
        }
    }

    /** {@code hh} hours ahead: elapsed hours, so a DST change does not stretch or shrink them. */
    record Hours(int hours) implements TimeSpec {
        public Hours {
            if (hours < 1 || hours > 99) {
                throw new IllegalArgumentException("hours ahead is 01–99: " + hours);
            }
        }

        @Override
        public String digits() {
            return twoDigits(hours);
        }

        @Override
        public TimeResolution resolve(Instant now, ZoneId zone) {
            return new TimeResolution.Until(now.plus(Duration.ofHours(hours)));
        }
    }

    /** {@code mmm} minutes ahead. */
    record Minutes(int minutes) implements TimeSpec {
        public Minutes {
            if (minutes < 1 || minutes > 999) {
                throw new IllegalArgumentException("minutes ahead is 001–999: " + minutes);
            }
        }

        @Override
        public String digits() {
            String s = Integer.toString(minutes);
            return "000".substring(s.length()) + s;
        }

        @Override
        public TimeResolution resolve(Instant now, ZoneId zone) {
            return new TimeResolution.Until(now.plus(Duration.ofMinutes(minutes)));
        }
    }

    /**
     * {@code HHMM}: the first instant after now at which the wall clock shows HH:MM ("if it has passed
     * today, tomorrow"). In a DST gap that clock time is skipped, so the first valid instant after the gap
     * is used; in an overlap the earlier of the two instants that is still ahead.
     */
    record ClockTime(int hour, int minute) implements TimeSpec {
        public ClockTime {
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                throw new IllegalArgumentException("clock time is 0000–2359: " + hour + ":" + minute);
            }
        }

        @Override
        public String digits() {
            return twoDigits(hour) + twoDigits(minute);
        }

        @Override
        public TimeResolution resolve(Instant now, ZoneId zone) {
            return new TimeResolution.Until(WallClock.nextOccurrence(hour, minute, now, zone));
        }
    }

    /** {@code YYMMDD}: until the start (00:00) of that date in 2000–2099; a date already begun is invalid. */
    record OnDate(LocalDate date) implements TimeSpec {
        public OnDate {
            if (date.getYear() < 2000 || date.getYear() > 2099) {
                throw new IllegalArgumentException("YYMMDD covers 2000–2099: " + date);
            }
        }

        @Override
        public String digits() {
            return twoDigits(date.getYear() - 2000) + twoDigits(date.getMonthValue())
                    + twoDigits(date.getDayOfMonth());
        }

        @Override
        public TimeResolution resolve(Instant now, ZoneId zone) {
            Instant start = date.atStartOfDay(zone).toInstant();
            if (!start.isAfter(now)) {
                return new TimeResolution.Invalid("the date " + date + " has already begun");
            }
            return new TimeResolution.Until(start);
        }
    }

    private static String twoDigits(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
