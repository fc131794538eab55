package se.plus.domain.user;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import se.plus.domain.event.CallWaitingChanged;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.event.ForwardingChanged;
import se.plus.domain.event.ProfileActivated;
import se.plus.domain.event.ProfileExpired;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Decision;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;
import se.plus.domain.time.TimeSpec;

/**
 * A user of the PBX, identified by their extension: the state plus services change.
 *
 * <p>Lifecycle: an admin creates the user ({@link #create}) with profile 1 "Available" active until further
 * notice, no forwarding, call waiting on and announced transfer. The user then changes their state with
 * codes: forwardings on and off ({@link #forward}, {@link #cancelForwarding}), a profile for a while
 * ({@link #activateProfile}; {@link #activateAvailable} for {@code #24}), call waiting
 * ({@link #setCallWaiting}). A time-bounded activation ends by itself: from its end on the user counts as
 * Available ({@link #effectiveActivation}), and {@link #expireProfile} records the reversion. Admin
 * settings (transfer mode, hidden number on external calls, mobile follows fixed, the no-answer delay,
 * the profiles themselves) change with the {@code with…} methods.
 *
 * <p>Immutable: every verb returns a new user inside a {@link Decision}; a refusal leaves this one as it
 * was. Verbs that change nothing are accepted without events.
 */
public record User(Extension extension, String name, Optional<PhoneNumber> fixedNumber,
                   Optional<PhoneNumber> mobileNumber, Forwardings forwardings, int noAnswerDelaySeconds,
                   Profiles profiles, ProfileActivation activeProfile, TransferMode transferMode,
                   boolean callWaiting, boolean hideNumberOnExternalCalls, boolean mobileFollowsFixed,
                   boolean voicemailEnabled) {

    public static final int DEFAULT_NO_ANSWER_DELAY_SECONDS = 20;
    public static final int MIN_NO_ANSWER_DELAY_SECONDS = 5;
    public static final int MAX_NO_ANSWER_DELAY_SECONDS = 60;

    public User {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fixedNumber, "fixedNumber");
        Objects.requireNonNull(mobileNumber, "mobileNumber");
        Objects.requireNonNull(forwardings, "forwardings");
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(activeProfile, "activeProfile");
        Objects.requireNonNull(transferMode, "transferMode");
        if (!isValidNoAnswerDelay(noAnswerDelaySeconds)) {
            throw new IllegalArgumentException("the no-answer delay is " + MIN_NO_ANSWER_DELAY_SECONDS + "–"
                    + MAX_NO_ANSWER_DELAY_SECONDS + " s: " + noAnswerDelaySeconds);
        }
        if (fixedNumber.filter(PhoneNumber::isExtension).isPresent()
                || mobileNumber.filter(PhoneNumber::isExtension).isPresent()) {
            throw new IllegalArgumentException("fixed and mobile numbers are public (E.164) numbers");
        }
        if (!profiles.contains(activeProfile.profileNumber())) {
            throw new IllegalArgumentException("the active profile " + activeProfile.profileNumber()
                    + " is not one of the user's profiles");
        }
    }

    /** A new user: Available until further notice, no forwarding, call waiting on, announced transfer, no voicemail. */
    public static User create(Extension extension, String name) {
        return new User(extension, name, Optional.empty(), Optional.empty(), Forwardings.NONE,
                DEFAULT_NO_ANSWER_DELAY_SECONDS, Profiles.standard(), ProfileActivation.AVAILABLE,
                TransferMode.ANNOUNCED, true, false, false, false);
    }

    public static boolean isValidNoAnswerDelay(int seconds) {
        return seconds >= MIN_NO_ANSWER_DELAY_SECONDS && seconds <= MAX_NO_ANSWER_DELAY_SECONDS;
    }

    // ---- queries ------------------------------------------------------------------------------------

    public Optional<Forwarding> forwarding(ForwardingKind kind) {
        return forwardings.get(kind);
    }

    /** Whether the number is one of this user's own: extension, fixed number or mobile number. */
    public boolean owns(PhoneNumber number) {
        return extension.asPhoneNumber().equals(number)
                || fixedNumber.filter(number::equals).isPresent()
                || mobileNumber.filter(number::equals).isPresent();
    }

    /** The activation in force at {@code now}: an activation that has ended counts as Available. */
    public ProfileActivation effectiveActivation(Instant now) {
        return activeProfile.isOverAt(now) ? ProfileActivation.AVAILABLE : activeProfile;
    }

    /** The profile in force at {@code now}. */
    public Profile effectiveProfile(Instant now) {
        return profiles.getOrAvailable(effectiveActivation(now).profileNumber());
    }

    /**
     * Where every direct call to the user goes regardless of answer or busy, if anywhere: the
     * unconditional forwarding, else an active forwarding profile. Used to see loops.
     */
    public Optional<PhoneNumber> divertsEveryCallTo(Instant now) {
        if (forwardings.unconditional().isPresent()) {
            return forwardings.unconditional();
        }
        return effectiveProfile(now).forwardTo();
    }

    // ---- verbs: plus services ---------------------------------------------------------------------

    /** {@code *21*<n>}, {@code *61*<n>#}, {@code *67*<n>}: calls of that kind go to {@code target}. */
    public Decision<User> forward(ForwardingKind kind, PhoneNumber target, Colleagues colleagues, Instant now) {
        Objects.requireNonNull(target, "target");
        for (ForwardingPolicy policy : ForwardingPolicy.ALL) {
            Optional<Refusal> refusal = policy.check(this, kind, target, colleagues, now);
            if (refusal.isPresent()) {
                return Decision.rejected(refusal.get());
            }
        }
        if (forwardings.target(kind).filter(target::equals).isPresent()) {
            return Decision.unchanged(this);
        }
        User after = withForwardings(forwardings.with(kind, Optional.of(target)));
        return Decision.accepted(after, List.of(forwardingChanged(kind, Optional.of(target), now)));
    }

    /** {@code #21}, {@code #61}, {@code #67}: that forwarding off. Already off: accepted, nothing changes. */
    public Decision<User> cancelForwarding(ForwardingKind kind, Instant now) {
        if (forwardings.target(kind).isEmpty()) {
            return Decision.unchanged(this);
        }
        User after = withForwardings(forwardings.with(kind, Optional.empty()));
        return Decision.accepted(after, List.of(forwardingChanged(kind, Optional.empty(), now)));
    }

    private DomainEvent forwardingChanged(ForwardingKind kind, Optional<PhoneNumber> target, Instant now) {
        return new ForwardingChanged(extension, now, kind, target, noAnswerDelaySeconds);
    }

    /**
     * {@code *24*<p>[*<t>]}: profile {@code number} until {@code time}, or for the profile's default
     * duration when no time is given. Refused with UNKNOWN_NUMBER for a profile the user does not have,
     * INVALID_TIME for a time that does not lie ahead.
     */
    public Decision<User> activateProfile(int number, Optional<TimeSpec> time, Instant now, ZoneId zone) {
        for (ProfilePolicy policy : ProfilePolicy.ALL) {
            Optional<Refusal> refusal = policy.check(this, number, time, now, zone);
            if (refusal.isPresent()) {
                return Decision.rejected(refusal.get());
            }
        }
        Profile profile = profiles.find(number).orElseThrow();
        Optional<Instant> until = time.isPresent()
                ? time.get().resolve(now, zone).end()
                : profile.defaultDuration().map(now::plus);
        return activate(profile, until, now);
    }

    /**
     * Activates a profile until a given instant (empty = until further notice), as the REST API does.
     * Refused when the profile does not exist or the end does not lie ahead.
     */
    public Decision<User> activateProfileUntil(int number, Optional<Instant> until, Instant now) {
        Optional<Profile> profile = profiles.find(number);
        if (profile.isEmpty()) {
            return Decision.rejected(ProfilePolicy.unknownProfile(number));
        }
        if (until.isPresent() && !until.get().isAfter(now)) {
            return Decision.rejected(new Refusal(OutcomeCode.INVALID_TIME, "the end " + until.get() + " has passed"));
        }
        return activate(profile.get(), until, now);
    }

    /** {@code #24}: deactivating a profile is activating Available, until further notice. */
    public Decision<User> activateAvailable(Instant now) {
        return activate(profiles.available(), Optional.empty(), now);
    }

    private Decision<User> activate(Profile profile, Optional<Instant> until, Instant now) {
        ProfileActivation activation = new ProfileActivation(profile.number(), until);
        if (activation.equals(activeProfile)) {
            return Decision.unchanged(this);
        }
        User after = withActiveProfile(activation);
        return Decision.accepted(after,
                List.of(new ProfileActivated(extension, now, profile.number(), profile.name(), until)));
    }

    /**
     * When the active profile's time is up at {@code now}: the user back on Available until further
     * notice and a PROFILE_EXPIRED event; empty while it still runs or lasts until further notice.
     */
    public Optional<ProfileExpiry> expireProfile(Instant now) {
        if (!activeProfile.isOverAt(now)) {
            return Optional.empty();
        }
        Profile expired = profiles.getOrAvailable(activeProfile.profileNumber());
        ProfileExpired event = new ProfileExpired(extension, now, expired.number(), expired.name(),
                activeProfile.until().orElseThrow());
        return Optional.of(new ProfileExpiry(withActiveProfile(ProfileActivation.AVAILABLE), event));
    }

    /** {@code *43#} / {@code #43#}. Already so: accepted, nothing changes. */
    public Decision<User> setCallWaiting(boolean on, Instant now) {
        if (callWaiting == on) {
            return Decision.unchanged(this);
        }
        return Decision.accepted(withCallWaiting(on), List.of(new CallWaitingChanged(extension, now, on)));
    }

    // ---- admin settings and reconstitution -----------------------------------------------------------

    public User withName(String newName) {
        return new User(extension, newName, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                profiles, activeProfile, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    public User withFixedNumber(Optional<PhoneNumber> number) {
        return new User(extension, name, number, mobileNumber, forwardings, noAnswerDelaySeconds,
                profiles, activeProfile, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    public User withMobileNumber(Optional<PhoneNumber> number) {
        return new User(extension, name, fixedNumber, number, forwardings, noAnswerDelaySeconds,
                profiles, activeProfile, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    public User withForwardings(Forwardings newForwardings) {
        return new User(extension, name, fixedNumber, mobileNumber, newForwardings, noAnswerDelaySeconds,
                profiles, activeProfile, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    /** The no-answer delay, 5–60 s; outside that range is a caller's bug (validate input first). */
    public User withNoAnswerDelaySeconds(int seconds) {
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, seconds,
                profiles, activeProfile, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    /** Adds or replaces a profile. */
    public User withProfile(Profile profile) {
        return withProfiles(profiles.with(profile));
    }

    /** Removes a profile (not profile 1); if it was active, the user is back on Available. */
    public User withoutProfile(int number) {
        Profiles remaining = profiles.without(number);
        ProfileActivation active = activeProfile.profileNumber() == number ? ProfileActivation.AVAILABLE
                : activeProfile;
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                remaining, active, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    public User withProfiles(Profiles newProfiles) {
        ProfileActivation active = newProfiles.contains(activeProfile.profileNumber()) ? activeProfile
                : ProfileActivation.AVAILABLE;
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                newProfiles, active, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    public User withActiveProfile(ProfileActivation activation) {
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                profiles, activation, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    public User withTransferMode(TransferMode mode) {
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                profiles, activeProfile, mode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    public User withCallWaiting(boolean on) {
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                profiles, activeProfile, transferMode, on, hideNumberOnExternalCalls, mobileFollowsFixed, voicemailEnabled);
    }

    public User withHideNumberOnExternalCalls(boolean hide) {
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                profiles, activeProfile, transferMode, callWaiting, hide, mobileFollowsFixed, voicemailEnabled);
    }

    public User withMobileFollowsFixed(boolean follows) {
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                profiles, activeProfile, transferMode, callWaiting, hideNumberOnExternalCalls, follows, voicemailEnabled);
    }

    /** Whether unanswered calls (and busy ones) without a forwarding end in the user's voicemail. */
    public User withVoicemailEnabled(boolean on) {
        return new User(extension, name, fixedNumber, mobileNumber, forwardings, noAnswerDelaySeconds,
                profiles, activeProfile, transferMode, callWaiting, hideNumberOnExternalCalls, mobileFollowsFixed, on);
    }
}
