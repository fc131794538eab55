package se.plus.infrastructure.persistence;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.Forwardings;
import se.plus.domain.user.Profile;
import se.plus.domain.user.ProfileActivation;
import se.plus.domain.user.ProfileHandling;
import se.plus.domain.user.Profiles;
import se.plus.domain.user.TransferMode;
import se.plus.domain.user.User;

/** Rows to the domain's user and back: the anti-corruption layer of the persistence adapter. */
final class UserMapper {

    private UserMapper() {
    }

    static User toDomain(UserEntity e) {
        var profiles = e.profiles.stream().map(UserMapper::toDomain).toList();
        return new User(Extension.of(e.extension), e.name, number(e.fixedNumber), number(e.mobileNumber),
                new Forwardings(number(e.forwardUnconditional), number(e.forwardNoAnswer), number(e.forwardBusy)),
                e.noAnswerDelaySeconds, Profiles.of(profiles),
                new ProfileActivation(e.activeProfile, Optional.ofNullable(e.activeProfileUntil)),
                TransferMode.valueOf(e.transferMode), e.callWaiting, e.hideNumberOnExternalCalls, e.mobileFollowsFixed,
                e.voicemailEnabled);
    }

    /** Copies the user onto its row, touching only what differs so that an unchanged row is not written. */
    static void copy(User user, UserEntity e) {
        e.extension = user.extension().digits();
        e.name = user.name();
        e.fixedNumber = value(user.fixedNumber());
        e.mobileNumber = value(user.mobileNumber());
        e.forwardUnconditional = value(user.forwardings().unconditional());
        e.forwardNoAnswer = value(user.forwardings().noAnswer());
        e.forwardBusy = value(user.forwardings().busy());
        e.noAnswerDelaySeconds = user.noAnswerDelaySeconds();
        e.activeProfile = user.activeProfile().profileNumber();
        e.activeProfileUntil = user.activeProfile().until().orElse(null);
        e.transferMode = user.transferMode().name();
        e.callWaiting = user.callWaiting();
        e.hideNumberOnExternalCalls = user.hideNumberOnExternalCalls();
        e.mobileFollowsFixed = user.mobileFollowsFixed();
        e.voicemailEnabled = user.voicemailEnabled();
        syncProfiles(user, e);
    }

    private static void syncProfiles(User user, UserEntity e) {
        Map<Integer, ProfileEntity> rows = new HashMap<>();
        e.profiles.forEach(row -> rows.put(row.number, row));
        e.profiles.removeIf(row -> !user.profiles().contains(row.number));
        for (Profile profile : user.profiles().all()) {
            ProfileEntity row = rows.get(profile.number());
            if (row == null) {
                row = new ProfileEntity();
                row.user = e;
                row.number = profile.number();
                e.profiles.add(row);
            }
            if (row.name == null || !toDomain(row).equals(profile)) {
                row.name = profile.name();
                row.handling = profile.handling().name();
                row.forwardTo = value(profile.forwardTo());
                row.referralMessage = profile.referralMessage().orElse(null);
                row.defaultDurationSeconds = profile.defaultDuration().map(Duration::toSeconds).orElse(null);
            }
        }
    }

    private static Profile toDomain(ProfileEntity row) {
        return new Profile(row.number, row.name, ProfileHandling.valueOf(row.handling), number(row.forwardTo),
                Optional.ofNullable(row.referralMessage),
                Optional.ofNullable(row.defaultDurationSeconds).map(Duration::ofSeconds));
    }

    private static Optional<PhoneNumber> number(String stored) {
        return Optional.ofNullable(stored).map(PhoneNumber::new);
    }

    private static String value(Optional<PhoneNumber> number) {
        return number.map(PhoneNumber::value).orElse(null);
    }
}
