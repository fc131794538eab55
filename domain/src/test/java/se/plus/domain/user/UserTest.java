package se.plus.domain.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.domain.Fixtures.ANNA;
import static se.plus.domain.Fixtures.ANNA_FIXED;
import static se.plus.domain.Fixtures.ANNA_MOBILE;
import static se.plus.domain.Fixtures.AVAILABLE;
import static se.plus.domain.Fixtures.AWAY;
import static se.plus.domain.Fixtures.BOSSE;
import static se.plus.domain.Fixtures.LUNCH;
import static se.plus.domain.Fixtures.MEETING;
import static se.plus.domain.Fixtures.NOW;
import static se.plus.domain.Fixtures.STOCKHOLM;
import static se.plus.domain.Fixtures.anna;
import static se.plus.domain.Fixtures.at;
import static se.plus.domain.Fixtures.bosse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import se.plus.domain.event.ForwardingChanged;
import se.plus.domain.event.ProfileActivated;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Decision;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.outcome.Refusal;
import se.plus.domain.time.TimeSpec;

class UserTest {

    private static final PhoneNumber SOMEONE = PhoneNumber.of("0709999999");

    static <T> Decision.Accepted<T> accepted(Decision<T> d) {
        return assertInstanceOf(Decision.Accepted.class, d, d::toString);
    }

    static Refusal rejected(Decision<?> d) {
        return assertInstanceOf(Decision.Rejected.class, d, d::toString).refusal();
    }

    /** A directory of the given users, complete: an extension it does not know does not exist. */
    static Colleagues directory(User... users) {
        return new Colleagues() {
            @Override
            public Optional<User> findByNumber(PhoneNumber number) {
                return List.of(users).stream().filter(u -> u.owns(number)).findFirst();
            }

            @Override
            public boolean knowsEveryExtension() {
                return true;
            }
        };
    }

    @Test
    @DisplayName("a new user is Available until further notice, no forwarding, 20 s delay, call waiting on, announced transfer")
    void defaults() {
        User u = User.create(ANNA, "Anna");
        assertEquals(ProfileActivation.AVAILABLE, u.activeProfile());
        assertEquals(Forwardings.NONE, u.forwardings());
        assertEquals(20, u.noAnswerDelaySeconds());
        assertTrue(u.callWaiting());
        assertEquals(TransferMode.ANNOUNCED, u.transferMode());
        assertEquals("Available", u.profiles().available().name());
        assertEquals(ProfileHandling.RING, u.profiles().available().handling());
    }

    @Nested
    @DisplayName("forwarding")
    class Forwarding {

        @Test
        void forwardingOnRaisesForwardingChanged() {
            Decision.Accepted<User> a = accepted(anna().forward(ForwardingKind.UNCONDITIONAL, SOMEONE, Colleagues.none(), NOW));
            assertEquals(Optional.of(SOMEONE), a.after().forwardings().unconditional());
            assertEquals(List.of(new ForwardingChanged(ANNA, NOW, ForwardingKind.UNCONDITIONAL, Optional.of(SOMEONE), 20)),
                    a.events());
        }

        @Test
        @DisplayName("the three forwardings are independent")
        void independent() {
            User u = accepted(anna().forward(ForwardingKind.BUSY, SOMEONE, Colleagues.none(), NOW)).after();
            u = accepted(u.forward(ForwardingKind.NO_ANSWER, BOSSE.asPhoneNumber(), Colleagues.none(), NOW)).after();
            assertEquals(Optional.empty(), u.forwardings().unconditional());
            assertEquals(Optional.of(SOMEONE), u.forwardings().busy());
            assertEquals(2, u.forwardings().active().size());
            u = accepted(u.cancelForwarding(ForwardingKind.BUSY, NOW)).after();
            assertEquals(Optional.empty(), u.forwardings().busy());
            assertEquals(Optional.of(BOSSE.asPhoneNumber()), u.forwardings().noAnswer());
        }

        @Test
        @DisplayName("switching on the same forwarding again, or off when off, changes nothing")
        void idempotent() {
            User on = accepted(anna().forward(ForwardingKind.UNCONDITIONAL, SOMEONE, Colleagues.none(), NOW)).after();
            assertEquals(List.of(), accepted(on.forward(ForwardingKind.UNCONDITIONAL, SOMEONE, Colleagues.none(), NOW)).events());
            assertEquals(List.of(), accepted(anna().cancelForwarding(ForwardingKind.BUSY, NOW)).events());
        }

        @Test
        @DisplayName("cannotForwardToSelf: own extension and fixed number")
        void cannotForwardToSelf() {
            for (PhoneNumber self : List.of(ANNA.asPhoneNumber(), ANNA_FIXED)) {
                Refusal r = rejected(anna().forward(ForwardingKind.UNCONDITIONAL, self, Colleagues.none(), NOW));
                assertEquals(OutcomeCode.NOT_ALLOWED, r.code());
            }
            assertEquals(Optional.empty(), ForwardingPolicy.cannotForwardToSelf.check(anna(),
                    ForwardingKind.UNCONDITIONAL, SOMEONE, Colleagues.none(), NOW));
        }

        @Test
        @DisplayName("cannotForwardToSelf: the own mobile is self only when mobile follows fixed")
        void ownMobile() {
            accepted(anna().forward(ForwardingKind.UNCONDITIONAL, ANNA_MOBILE, Colleagues.none(), NOW));
            assertEquals(OutcomeCode.NOT_ALLOWED, rejected(anna().withMobileFollowsFixed(true)
                    .forward(ForwardingKind.UNCONDITIONAL, ANNA_MOBILE, Colleagues.none(), NOW)).code());
        }

        @Test
        @DisplayName("cannotForwardIntoALoop: Bosse forwards to Anna, so Anna cannot forward to Bosse")
        void loop() {
            User bosse = accepted(bosse().forward(ForwardingKind.UNCONDITIONAL, ANNA.asPhoneNumber(), Colleagues.none(), NOW))
                    .after();
            Refusal r = rejected(anna().forward(ForwardingKind.NO_ANSWER, BOSSE.asPhoneNumber(), directory(anna(), bosse), NOW));
            assertEquals(OutcomeCode.NOT_ALLOWED, r.code());
            assertTrue(r.detail().contains("loops"), r.detail());
        }

        @Test
        @DisplayName("cannotForwardIntoALoop: a chain through a forwarding profile is seen too")
        void loopThroughProfile() {
            User bosse = bosse().withProfile(Profile.forwarding(2, "Away", ANNA_FIXED, Optional.empty()))
                    .withActiveProfile(new ProfileActivation(2, Optional.empty()));
            assertEquals(OutcomeCode.NOT_ALLOWED, rejected(anna().forward(ForwardingKind.BUSY,
                    BOSSE.asPhoneNumber(), directory(anna(), bosse), NOW)).code());
        }

        @Test
        @DisplayName("a chain that does not come back is fine")
        void noLoop() {
            User bosse = accepted(bosse().forward(ForwardingKind.UNCONDITIONAL, SOMEONE, Colleagues.none(), NOW)).after();
            accepted(anna().forward(ForwardingKind.UNCONDITIONAL, BOSSE.asPhoneNumber(), directory(anna(), bosse), NOW));
        }

        @Test
        @DisplayName("targetExtensionMustExist: an extension nobody has is an unknown number")
        void unknownExtension() {
            Refusal r = rejected(anna().forward(ForwardingKind.UNCONDITIONAL, PhoneNumber.of("4242"),
                    directory(anna(), bosse()), NOW));
            assertEquals(OutcomeCode.UNKNOWN_NUMBER, r.code());
        }

        @Test
        void policiesAreListedInOrder() {
            assertEquals(List.of(ForwardingPolicy.cannotForwardToSelf, ForwardingPolicy.targetExtensionMustExist,
                    ForwardingPolicy.targetAllowedByCompany, ForwardingPolicy.cannotForwardIntoALoop), ForwardingPolicy.ALL);
        }

        @Test
        @DisplayName("[decided] *21*0900123456# — the company bars premium-rate targets (0900, 0939, 0944) by default")
        void premiumRateTargetsAreBarredByTheCompany() {
            Colleagues company = new Colleagues() {
                @Override
                public Optional<User> findByNumber(PhoneNumber number) {
                    return Optional.empty();
                }

                @Override
                public ForwardTargetPolicy forwardTargets() {
                    return new ForwardTargetPolicy(ForwardTargetPolicy.SWEDISH_PREMIUM_RATE, false, "+46");
                }
            };
            var premium = anna().forward(ForwardingKind.UNCONDITIONAL, PhoneNumber.of("0900123456"), company, NOW);
            var abroad = anna().forward(ForwardingKind.UNCONDITIONAL, PhoneNumber.of("+4712345678"), company, NOW);
            var mobile = anna().forward(ForwardingKind.UNCONDITIONAL, PhoneNumber.of("0701234567"), company, NOW);

            assertEquals(OutcomeCode.NOT_ALLOWED, ((Decision.Rejected<User>) premium).refusal().code());
            assertEquals(OutcomeCode.NOT_ALLOWED, ((Decision.Rejected<User>) abroad).refusal().code());
            assertTrue(mobile instanceof Decision.Accepted<User>);
        }

        @Test
        @DisplayName("[decided] the no-answer delay is 5–60 s, default 20")
        void noAnswerDelay() {
            assertEquals(5, anna().withNoAnswerDelaySeconds(5).noAnswerDelaySeconds());
            assertEquals(60, anna().withNoAnswerDelaySeconds(60).noAnswerDelaySeconds());
            assertThrows(IllegalArgumentException.class, () -> anna().withNoAnswerDelaySeconds(4));
            assertThrows(IllegalArgumentException.class, () -> anna().withNoAnswerDelaySeconds(61));
        }
    }

    @Nested
    @DisplayName("profiles")
    class Profiles {

        @Test
        @DisplayName("Om du inte anger en tid används profilens standardtid")
        void defaultDuration() {
            Decision.Accepted<User> a = accepted(anna().activateProfile(LUNCH, Optional.empty(), NOW, STOCKHOLM));
            assertEquals(new ProfileActivation(LUNCH, Optional.of(NOW.plus(Duration.ofHours(1)))), a.after().activeProfile());
            assertEquals(List.of(new ProfileActivated(ANNA, NOW, LUNCH, "Lunch", Optional.of(NOW.plus(Duration.ofHours(1))))),
                    a.events());
        }

        @Test
        @DisplayName("a profile without a default duration lasts until further notice")
        void noDefaultDuration() {
            assertEquals(Optional.empty(),
                    accepted(anna().activateProfile(AWAY, Optional.empty(), NOW, STOCKHOLM)).after().activeProfile().until());
        }

        @Test
        @DisplayName("with a time, until that time")
        void withTime() {
            User u = accepted(anna().activateProfile(MEETING, Optional.of(new TimeSpec.ClockTime(13, 0)), NOW, STOCKHOLM)).after();
            assertEquals(Optional.of(at(2026, 11, 24, 13, 0)), u.activeProfile().until());
        }

        @Test
        @DisplayName("profileMustExist: a profile number the user does not have is an unknown number")
        void unknownProfile() {
            assertEquals(OutcomeCode.UNKNOWN_NUMBER, rejected(anna().activateProfile(9, Optional.empty(), NOW, STOCKHOLM)).code());
            assertEquals(OutcomeCode.UNKNOWN_NUMBER, rejected(anna().activateProfileUntil(9, Optional.empty(), NOW)).code());
        }

        @Test
        @DisplayName("timeMustLieAhead: [decided] a past date is an invalid time and changes nothing")
        void pastDate() {
            Refusal r = rejected(anna().activateProfile(LUNCH,
                    Optional.of(new TimeSpec.OnDate(java.time.LocalDate.of(2026, 11, 1))), NOW, STOCKHOLM));
            assertEquals(OutcomeCode.INVALID_TIME, r.code());
        }

        @Test
        @DisplayName("Inaktivering gör att profilen \"tillgänglig\" aktiveras")
        void activateAvailable() {
            User atLunch = accepted(anna().activateProfile(LUNCH, Optional.empty(), NOW, STOCKHOLM)).after();
            Decision.Accepted<User> a = accepted(atLunch.activateAvailable(NOW));
            assertEquals(ProfileActivation.AVAILABLE, a.after().activeProfile());
            assertEquals(AVAILABLE, ((ProfileActivated) a.events().get(0)).profileNumber());
            assertEquals(List.of(), accepted(a.after().activateAvailable(NOW)).events());
        }

        @Test
        @DisplayName("an activation that expires reverts to Available by itself")
        void expiry() {
            User atLunch = accepted(anna().activateProfile(LUNCH, Optional.empty(), NOW, STOCKHOLM)).after();
            Instant end = NOW.plus(Duration.ofHours(1));
            assertEquals(Optional.empty(), atLunch.expireProfile(end.minusSeconds(1)));
            assertEquals(LUNCH, atLunch.effectiveProfile(end.minusSeconds(1)).number());
            assertEquals(AVAILABLE, atLunch.effectiveProfile(end).number());
            ProfileExpiry expiry = atLunch.expireProfile(end).orElseThrow();
            assertEquals(ProfileActivation.AVAILABLE, expiry.userAfter().activeProfile());
            assertEquals("PROFILE_EXPIRED", expiry.event().type());
            assertEquals(LUNCH, expiry.event().expiredProfileNumber());
            assertEquals(end, expiry.event().endedAt());
        }

        @Test
        void untilFurtherNoticeNeverExpires() {
            assertEquals(Optional.empty(), anna().expireProfile(NOW.plus(Duration.ofDays(10_000))));
        }

        @Test
        @DisplayName("profile 1 \"Available\" always exists and rings")
        void availableIsPermanent() {
            assertThrows(IllegalArgumentException.class, () -> anna().withoutProfile(AVAILABLE));
            assertThrows(IllegalArgumentException.class,
                    () -> anna().withProfile(Profile.voicemail(AVAILABLE, "Available", Optional.empty())));
            assertTrue(se.plus.domain.user.Profiles.of(List.of()).contains(AVAILABLE));
        }

        @Test
        @DisplayName("removing the active profile puts the user back on Available")
        void removingActiveProfile() {
            User atLunch = accepted(anna().activateProfile(LUNCH, Optional.empty(), NOW, STOCKHOLM)).after();
            assertEquals(ProfileActivation.AVAILABLE, atLunch.withoutProfile(LUNCH).activeProfile());
        }

        @Test
        void activateUntilAnInstant() {
            Instant end = NOW.plus(Duration.ofMinutes(30));
            assertEquals(Optional.of(end), accepted(anna().activateProfileUntil(MEETING, Optional.of(end), NOW)).after()
                    .activeProfile().until());
            assertEquals(OutcomeCode.INVALID_TIME, rejected(anna().activateProfileUntil(MEETING, Optional.of(NOW), NOW)).code());
        }

        @Test
        void policiesAreListedInOrder() {
            assertEquals(List.of(ProfilePolicy.profileMustExist, ProfilePolicy.timeMustLieAhead), ProfilePolicy.ALL);
        }

        @Test
        void aForwardProfileNeedsATarget() {
            assertThrows(IllegalArgumentException.class, () -> new Profile(5, "X", ProfileHandling.FORWARD,
                    Optional.empty(), Optional.empty(), Optional.empty()));
        }
    }

    @Test
    @DisplayName("call waiting on and off, CALL_WAITING_CHANGED only when it changes")
    void callWaiting() {
        Decision.Accepted<User> off = accepted(anna().setCallWaiting(false, NOW));
        assertEquals(false, off.after().callWaiting());
        assertEquals("CALL_WAITING_CHANGED", off.events().get(0).type());
        assertEquals(List.of(), accepted(off.after().setCallWaiting(false, NOW)).events());
    }

    @Test
    @DisplayName("fixed and mobile numbers are public numbers")
    void publicNumbers() {
        assertThrows(IllegalArgumentException.class,
                () -> anna().withFixedNumber(Optional.of(PhoneNumber.of("1234"))));
    }

    @Test
    void ownsItsNumbers() {
        assertTrue(anna().owns(ANNA_FIXED));
        assertTrue(anna().owns(ANNA_MOBILE));
        assertTrue(anna().owns(PhoneNumber.of("1001")));
        assertEquals(false, anna().owns(PhoneNumber.of("1002")));
        assertEquals(Extension.of("1001"), anna().extension());
    }
}
