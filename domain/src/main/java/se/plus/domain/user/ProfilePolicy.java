package se.plus.domain.user;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;
import se.plus.domain.time.TimeResolution;
import se.plus.domain.time.TimeSpec;

/**
 * A rule that may refuse {@code *24*<p>[*<t>]} (FAQ "Aktivera en profil"); {@link User#activateProfile}
 * applies {@link #ALL} in order. The forms of {@code <t>} themselves are checked when it is read
 * ({@link TimeSpec#parse}); what can only be judged at the time of dialling is checked here.
 */
@FunctionalInterface
public interface ProfilePolicy {

    Optional<Refusal> check(User user, int profileNumber, Optional<TimeSpec> time, Instant now, ZoneId zone);

    /** A profile number the user does not have is an unknown number. */
    ProfilePolicy profileMustExist = (user, number, time, now, zone) -> user.profiles().contains(number)
            ? Optional.empty()
            : Optional.of(unknownProfile(number));

    /** [decided] A date that has already begun is an invalid time, and nothing changes. */
    ProfilePolicy timeMustLieAhead = (user, number, time, now, zone) -> {
        if (time.isEmpty()) {
            return Optional.empty();
        }
        TimeResolution resolution = time.get().resolve(now, zone);
        return resolution instanceof TimeResolution.Invalid
                ? Optional.of(new Refusal(OutcomeCode.INVALID_TIME, ((TimeResolution.Invalid) resolution).reason()))
                : Optional.empty();
    };

    static Refusal unknownProfile(int number) {
        return new Refusal(OutcomeCode.UNKNOWN_NUMBER, "no profile number " + number);
    }

    List<ProfilePolicy> ALL = List.of(profileMustExist, timeMustLieAhead);
}
