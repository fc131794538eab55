package se.plus.domain.time;

import java.time.LocalDate;
import java.time.YearMonth;

/** Digits → {@link TimeSpec}; the invalid forms are the ones plus-services.md marks [decided]. */
final class TimeSpecParser {

    private TimeSpecParser() {
    }

    static TimeSpecParse parse(String digits) {
        if (digits == null || digits.isEmpty()) {
            return invalid("no time given");
        }
        int n = digits.length();
        if (n > 6) {
            return invalid("a time has 1, 2, 3, 4 or 6 digits, not " + n);
        }
        for (int i = 0; i < n; i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return invalid("a time is digits only");
            }
        }
        switch (n) {
            case 1:
                return valid(new TimeSpec.Days(digit(digits, 0)));
            case 2: {
                int hours = number(digits, 0, 2);
                return hours == 0 ? invalid("00 hours is not a duration") : valid(new TimeSpec.Hours(hours));
            }
            case 3: {
                int minutes = number(digits, 0, 3);
                return minutes == 0
                        ? invalid("000 minutes is not a duration")
                        : valid(new TimeSpec.Minutes(minutes));
            }
            case 4: {
                int hour = number(digits, 0, 2);
                int minute = number(digits, 2, 4);
                if (hour > 23) {
                    return invalid("hour " + hour + " is past 23");
                }
                if (minute > 59) {
                    return invalid("minute " + minute + " is past 59");
                }
                return valid(new TimeSpec.ClockTime(hour, minute));
            }
            case 6: {
                int year = 2000 + number(digits, 0, 2);
                int month = number(digits, 2, 4);
                int day = number(digits, 4, 6);
                if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
                    return invalid(digits + " is not a date (YYMMDD)");
                }
                return valid(new TimeSpec.OnDate(LocalDate.of(year, month, day)));
            }
            default:
                return invalid("a time has 1, 2, 3, 4 or 6 digits, not " + n);
        }
    }

    private static int digit(String s, int i) {
        return s.charAt(i) - '0';
    }

    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + digit(s, i);
        }
        return v;
    }

    private static TimeSpecParse valid(TimeSpec spec) {
        return new TimeSpecParse.Valid(spec);
    }

    private static TimeSpecParse invalid(String reason) {
        return new TimeSpecParse.Invalid(reason);
    }
}
