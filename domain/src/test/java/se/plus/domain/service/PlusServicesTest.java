package se.plus.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.domain.Fixtures.ANNA;
import static se.plus.domain.Fixtures.AVAILABLE;
import static se.plus.domain.Fixtures.LUNCH;
import static se.plus.domain.Fixtures.NOW;
import static se.plus.domain.Fixtures.STOCKHOLM;
import static se.plus.domain.Fixtures.anna;
import static se.plus.domain.Fixtures.at;
import static se.plus.domain.Fixtures.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import se.plus.domain.dialstring.DialContext;
import se.plus.domain.dialstring.DialStringParser;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.dialstring.ParseResult;
import se.plus.domain.dialstring.QueueLogIn;
import se.plus.domain.dialstring.ServiceCommand;
import se.plus.domain.event.ProfileActivated;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.User;

/** The FAQ's examples, dialled from a terminal or a mobile, applied to Anna's state. */
class PlusServicesTest {

    private final PlusServices services = new PlusServices();

    private static ServiceCommand command(String digits, Dialect dialect) {
        ParseResult r = DialStringParser.parse(digits, dialect, DialContext.DIALLED);
        return assertInstanceOf(ParseResult.Parsed.class, r, r::toString).command();
    }

    private Outcome dial(String digits, User user, Optional<Queue> queue) {
        return services.execute(command(digits, Dialect.TERMINAL), user, queue, NOW, STOCKHOLM);
    }

    private Outcome.Done done(String digits, User user) {
        Outcome o = dial(digits, user, Optional.empty());
        return assertInstanceOf(Outcome.Done.class, o, o::toString);
    }

    private Outcome.Refused refused(String digits, User user, Optional<Queue> queue) {
        Outcome o = dial(digits, user, queue);
        return assertInstanceOf(Outcome.Refused.class, o, o::toString);
    }

    @Nested
    @DisplayName("Vidarekoppling")
    class Forwarding {

        @Test
        @DisplayName("*21*0701234599# turns unconditional forwarding on, with a FORWARDING_CHANGED event")
        void unconditionalOn() {
            Outcome.Done done = done("*21*0701234599#", anna());
            assertEquals("FORWARDING_UNCONDITIONAL", done.service());
            assertEquals("ACTIVATE", done.action());
            assertEquals("+46701234599", done.userAfter().forwardings().unconditional().orElseThrow().value());
            assertEquals("FORWARDING_CHANGED", done.events().get(0).type());
            assertEquals("Direkt vidarekoppling till +46701234599 är på", done.message().sv());
            assertEquals("Unconditional forwarding to +46701234599 is on", done.message().en());
        }

        @Test
        @DisplayName("*61*1002# forwards on no answer after the user's delay")
        void noAnswer() {
            Outcome.Done done = done("*61*1002#", anna().withNoAnswerDelaySeconds(15));
            assertEquals("FORWARDING_NO_ANSWER", done.service());
            assertTrue(done.message().en().endsWith("after 15 seconds"), done.message().en());
        }

        @Test
        @DisplayName("#67# turns busy forwarding off")
        void busyOff() {
            User on = done("*67*1002#", anna()).userAfter();
            Outcome.Done off = done("#67#", on);
            assertEquals(Optional.empty(), off.userAfter().forwardings().busy());
            assertEquals("Vidarekoppling vid upptaget är av", off.message().sv());
        }

        @Test
        @DisplayName("*#21# tells the state and changes nothing")
        void query() {
            User on = done("*21*1002#", anna()).userAfter();
            Outcome.Done q = done("*#21#", on);
            assertEquals("QUERY", q.action());
            assertEquals(List.of(), q.events());
            assertEquals(on, q.userAfter());
            assertEquals("Unconditional forwarding to 1002 is on", q.message().en());
            assertEquals("Unconditional forwarding is off", done("*#21#", anna()).message().en());
        }

        @Test
        @DisplayName("forwarding to one's own fixed number is not allowed, and a refusal changes nothing")
        void cannotForwardToSelf() {
            Outcome.Refused r = refused("*21*086001001#", anna(), Optional.empty());
            assertEquals(OutcomeCode.NOT_ALLOWED, r.code());
            assertEquals("Inte tillåtet", r.message().sv());
        }
    }

    @Nested
    @DisplayName("Aktivera en profil")
    class Profiles {

        @Test
        @DisplayName("*24*2# activates Lunch for its default duration (1 h)")
        void defaultDuration() {
            Outcome.Done d = done("*24*2#", anna());
            assertEquals(Optional.of(NOW.plus(Duration.ofHours(1))), d.userAfter().activeProfile().until());
            assertEquals(new ProfileActivated(ANNA, NOW, LUNCH, "Lunch", Optional.of(NOW.plus(Duration.ofHours(1)))),
                    d.events().get(0));
            assertEquals("Profilen Lunch (2) är aktiv till 2026-11-24 10:00", d.message().sv());
            assertEquals("Profile Lunch (2) is active until 2026-11-24 10:00", d.message().en());
        }

        @Test
        @DisplayName("*24*2*1330# activates Lunch until 13:30 today")
        void clockTime() {
            assertEquals(Optional.of(at(2026, 11, 24, 13, 30)), done("*24*2*1330#", anna()).userAfter().activeProfile().until());
        }

        @Test
        @DisplayName("*24*3*0# activates Meeting until further notice")
        void untilFurtherNotice() {
            Outcome.Done d = done("*24*3*0#", anna());
            assertEquals(Optional.empty(), d.userAfter().activeProfile().until());
            assertEquals("Profile Meeting (3) is active until further notice", d.message().en());
        }

        @Test
        @DisplayName("*24*2*261101# is a past date: INVALID_TIME, nothing changes")
        void pastDate() {
            Outcome.Refused r = refused("*24*2*261101#", anna(), Optional.empty());
            assertEquals(OutcomeCode.INVALID_TIME, r.code());
            assertEquals("Ogiltig tid", r.message().sv());
        }

        @Test
        @DisplayName("*24*9# names a profile Anna does not have: UNKNOWN_NUMBER")
        void unknownProfile() {
            assertEquals(OutcomeCode.UNKNOWN_NUMBER, refused("*24*9#", anna(), Optional.empty()).code());
        }

        @Test
        @DisplayName("#24# makes the user Available until further notice")
        void deactivate() {
            User atLunch = done("*24*2#", anna()).userAfter();
            Outcome.Done d = done("#24#", atLunch);
            assertEquals(AVAILABLE, d.userAfter().activeProfile().profileNumber());
            assertTrue(d.userAfter().activeProfile().isUntilFurtherNotice());
            assertEquals("PROFILE_ACTIVATED", d.events().get(0).type());
        }

        @Test
        @DisplayName("*#24# after the lunch hour says Available: an ended activation counts as expired")
        void queryAfterExpiry() {
            User atLunch = done("*24*2#", anna()).userAfter();
            Outcome o = services.execute(command("*#24#", Dialect.MOBILE), atLunch, Optional.empty(),
                    NOW.plus(Duration.ofHours(2)), STOCKHOLM);
            Outcome.Done d = assertInstanceOf(Outcome.Done.class, o);
            assertEquals("Profile Available (1) is active until further notice", d.message().en());
            assertEquals(List.of(), d.events());
        }
    }

    @Nested
    @DisplayName("Svarsgrupp/kösystem")
    class Queues {

        @Test
        @DisplayName("non-member logging into a queue hears \"Tjänsten är inte aktiv\" and nothing changes")
        void nonMemberLoggingIntoAQueueHearsTjanstenArInteAktiv() {
            User cecilia = User.create(Extension.of("1003"), "Cecilia");
            Outcome.Refused r = refused("*75*5#", cecilia, Optional.of(support()));
            assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, r.code());
            assertEquals("Tjänsten är inte aktiv", r.message().sv());
            assertEquals("The service is not active", r.message().en());
        }

        @Test
        @DisplayName("a queue that does not exist: the user is no member, \"Tjänsten är inte aktiv\"")
        void missingQueue() {
            assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refused("*75*7#", anna(), Optional.empty()).code());
            assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refused("#75*7#", anna(), Optional.empty()).code());
            assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refused("*#75*7#", anna(), Optional.empty()).code());
        }

        @Test
        @DisplayName("*75*5# logs a member in; *#75*5# says so; #75*5# logs out")
        void memberLogsInAndOut() {
            Outcome.Done in = assertInstanceOf(Outcome.Done.class, dial("*75*5#", anna(), Optional.of(support())));
            Queue q = in.queueAfter().orElseThrow();
            assertTrue(q.isLoggedIn(ANNA));
            assertEquals("QUEUE_LOGIN", in.events().get(0).type());
            assertEquals("Du är inloggad i kö 5 (Support)", in.message().sv());

            Outcome.Done status = assertInstanceOf(Outcome.Done.class, dial("*#75*5#", anna(), Optional.of(q)));
            assertEquals("You are logged in to queue 5 (Support)", status.message().en());
            assertEquals(List.of(), status.events());

            Outcome.Done out = assertInstanceOf(Outcome.Done.class, dial("#75*5#", anna(), Optional.of(q)));
            assertEquals("QUEUE_LOGOUT", out.events().get(0).type());
        }

        @Test
        @DisplayName("[decided] logging in twice succeeds, says so, and changes nothing")
        void twice() {
            Queue in = ((Outcome.Done) dial("*75*5#", anna(), Optional.of(support()))).queueAfter().orElseThrow();
            Outcome.Done again = assertInstanceOf(Outcome.Done.class, dial("*75*5#", anna(), Optional.of(in)));
            assertEquals(List.of(), again.events());
            assertEquals(Optional.of(in), again.queueAfter());
            assertEquals("You were already logged in to queue 5 (Support)", again.message().en());
        }

        @Test
        @DisplayName("*#75*5# from a non-member: \"Tjänsten är inte aktiv\"")
        void nonMemberAsks() {
            User cecilia = User.create(Extension.of("1003"), "Cecilia");
            assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refused("*#75*5#", cecilia, Optional.of(support())).code());
        }

        @Test
        void theQueueGivenMustBeTheOneNamed() {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> services.execute(new QueueLogIn(6), anna(), Optional.of(support()), NOW, STOCKHOLM));
        }
    }

    @Nested
    @DisplayName("Samtal väntar")
    class CallWaiting {

        @Test
        void offOnQuery() {
            Outcome.Done off = done("#43#", anna());
            assertEquals(false, off.userAfter().callWaiting());
            assertEquals("CALL_WAITING_CHANGED", off.events().get(0).type());
            assertEquals("Samtal väntar är av", done("*#43#", off.userAfter()).message().sv());
            assertTrue(done("*43#", off.userAfter()).userAfter().callWaiting());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"*80*1002", "*31*0701234567", "*60*1002#", "*59*1002#"})
    @DisplayName("codes that act on a call need a phone: NOT_ALLOWED here (REST, JMS)")
    void callCodesNeedAPhone(String digits) {
        Outcome.Refused r = refused(digits, anna(), Optional.empty());
        assertEquals(OutcomeCode.NOT_ALLOWED, r.code());
        assertTrue(r.detail().contains("phone"), r.detail());
    }

    @ParameterizedTest
    @EnumSource(ForwardingKind.class)
    @DisplayName("the mobile dialect gives the same outcome as the terminal")
    void mobileEqualsTerminal(ForwardingKind kind) {
        String code = kind.code();
        Outcome m = services.execute(command("*" + code + "*1002#", Dialect.MOBILE), anna(), Optional.empty(), NOW, STOCKHOLM);
        Outcome t = services.execute(command("*" + code + "*1002#", Dialect.TERMINAL), anna(), Optional.empty(), NOW, STOCKHOLM);
        assertEquals(m, t);
    }
}
