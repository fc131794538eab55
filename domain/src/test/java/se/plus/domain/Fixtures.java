package se.plus.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.Profile;
import se.plus.domain.user.User;

/** The people and queues of the examples: a small Swedish office on 24 November 2026. */
public final class Fixtures {

    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /** Tuesday 24 November 2026, 09:00 in Stockholm. */
    public static final Instant NOW = at(2026, 11, 24, 9, 0);

    public static final Extension ANNA = Extension.of("1001");
    public static final Extension BOSSE = Extension.of("1002");
    public static final Extension CECILIA = Extension.of("1003");

    public static final PhoneNumber ANNA_FIXED = PhoneNumber.of("08-600 10 01");
    public static final PhoneNumber ANNA_MOBILE = PhoneNumber.of("0701234567");
    public static final PhoneNumber RECEPTION = PhoneNumber.of("1000");

    public static final int AVAILABLE = 1;
    public static final int LUNCH = 2;
    public static final int MEETING = 3;
    public static final int AWAY = 4;

    private Fixtures() {
    }

    public static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(STOCKHOLM).toInstant();
    }

    /** Anna: fixed and mobile number, the usual four profiles. */
    public static User anna() {
        return User.create(ANNA, "Anna Andersson")
                .withFixedNumber(Optional.of(ANNA_FIXED))
                .withMobileNumber(Optional.of(ANNA_MOBILE))
                .withProfile(Profile.barred(LUNCH, "Lunch", "Anna är på lunch till 13", Optional.of(Duration.ofHours(1))))
                .withProfile(Profile.voicemail(MEETING, "Meeting", Optional.of(Duration.ofHours(2))))
                .withProfile(Profile.forwarding(AWAY, "Away", RECEPTION, Optional.empty()));
    }

    public static User bosse() {
        return User.create(BOSSE, "Bosse Berg").withMobileNumber(Optional.of(PhoneNumber.of("0731112233")));
    }

    /** Queue 5, "Support": Anna and Bosse are members, nobody logged in. */
    public static Queue support() {
        return Queue.create(5, "Support", Set.of(ANNA, BOSSE));
    }
}
