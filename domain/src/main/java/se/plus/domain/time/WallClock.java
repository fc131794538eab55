package se.plus.domain.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.List;

/** Local clock times → instants, with the DST rule of plus-services.md. */
final class WallClock {

    private WallClock() {
    }

    /**
     * The instant of a local date-time: in a DST gap the first valid instant (the end of the gap, as the
     * spec decides, not java.time's "shift by the gap length"); in an overlap the preferred offset when it
     * is one of the two, else the earlier.
     */
    static Instant instantOf(LocalDateTime local, ZoneId zone, ZoneOffset preferred) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, preferred).toInstant();
    }

    /** The first instant strictly after {@code now} at which the wall clock in {@code zone} shows hh:mm. */
    static Instant nextOccurrence(int hour, int minute, Instant now, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDate day = now.atZone(zone).toLocalDate();
        // Today, tomorrow, and one more day for the rare zone that skips a whole calendar day.
        for (int i = 0; i < 3; i++, day = day.plusDays(1)) {
            LocalDateTime local = day.atTime(hour, minute);
            List<ZoneOffset> offsets = rules.getValidOffsets(local);
            if (offsets.isEmpty()) {
                Instant gapEnd = rules.getTransition(local).getInstant();
                if (gapEnd.isAfter(now)) {
                    return gapEnd;
                }
                continue;
            }
            for (ZoneOffset offset : offsets) { // earlier instant (the offset before a transition) first
                Instant candidate = local.toInstant(offset);
                if (candidate.isAfter(now)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no " + hour + ":" + minute + " within three days in " + zone);
    }
}
