package se.plus.application.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.RouteCallUseCase.Busy;
import se.plus.application.port.in.RouteCallUseCase.CallRequest;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.in.RouteCallUseCase.NotReached;
import se.plus.application.port.in.RouteCallUseCase.ToVoicemail;
import se.plus.application.port.in.RouteCallUseCase.FromTrunk;
import se.plus.application.port.in.RouteCallUseCase.FromUser;
import se.plus.application.port.in.RouteCallUseCase.OutThroughTrunk;
import se.plus.application.port.in.RouteCallUseCase.Refused;
import se.plus.application.port.in.RouteCallUseCase.RingUser;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.LiveCalls;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.queue.Queue;
import se.plus.domain.routing.CalledNumber;
import se.plus.domain.routing.Diversion;
import se.plus.domain.routing.DiversionCause;
import se.plus.domain.user.ForwardTargetPolicy;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.Forwardings;
import se.plus.domain.user.User;

@ExtendWith(MockitoExtension.class)
class RouteCallServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Extension ANNA = Extension.of("1001");
    private static final Extension BERIT = Extension.of("1002");
    private static final PhoneNumber BERITS_FIXED = PhoneNumber.of("08-600 10 02");
    private static final PhoneNumber BERITS_MOBILE = PhoneNumber.of("0701234502");
    private static final Binding BERITS_DESK = new Binding("sip:1002@10.0.0.2:5060", NOW.plusSeconds(300), "reg-1", 1,
            1.0f, Dialect.TERMINAL, "desk", "10.0.0.2");

    @Mock
    Users users;
    @Mock
    Locations locations;
    @Mock
    CompanySettings company;
    @Mock
    LiveCalls liveCalls;
    @Mock
    Queues queues;

    RouteCallService routes;
    User anna = User.create(ANNA, "Anna Andersson").withFixedNumber(Optional.of(PhoneNumber.of("08-600 10 01")));
    User berit = User.create(BERIT, "Berit Bengtsson").withFixedNumber(Optional.of(BERITS_FIXED))
            .withMobileNumber(Optional.of(BERITS_MOBILE));

    @BeforeEach
    void wire() {
        routes = new RouteCallService(users, queues, locations, liveCalls, company, new UnitOfWork(), Clock.fixed(NOW, ZoneOffset.UTC));
        lenient().when(users.find(ANNA)).thenReturn(Optional.of(anna));
        lenient().when(users.findByNumber(any())).thenReturn(Optional.empty());
        lenient().when(users.findByNumber(PhoneNumber.of("1002"))).thenReturn(Optional.of(berit));
        lenient().when(users.findByNumber(BERITS_FIXED)).thenReturn(Optional.of(berit));
        lenient().when(users.findByNumber(BERITS_MOBILE)).thenReturn(Optional.of(berit));
        lenient().when(locations.bindingsOf(BERIT, NOW)).thenReturn(List.of(BERITS_DESK));
        lenient().when(company.forwardTargets()).thenReturn(ForwardTargetPolicy.NONE);
    }

    private RingUser ringing(String dialled) {
        return assertInstanceOf(RingUser.class, routes.route(new CallRequest(new FromUser(ANNA), dialled)));
    }

    @Test
    void annaDialsBeritsExtensionAndBeritsPhonesRingShowingAnnasNameAndExtension() {
        RingUser ring = ringing("1002");

        assertEquals(List.of(BERITS_DESK), ring.devices());
        assertEquals(CalledNumber.EXTENSION, ring.calledNumber());
        assertEquals("Anna Andersson", ring.caller().displayName());
        assertEquals(Optional.of(PhoneNumber.of("1001")), ring.caller().number());
        assertFalse(ring.caller().hidden());
        assertFalse(ring.bypass());
    }

    @Test
    void beritsFixedAndMobileNumbersInNationalFormReachHerToo() {
        assertEquals(CalledNumber.FIXED, ringing("086001002").calledNumber());
        assertEquals(CalledNumber.MOBILE, ringing("0701234502").calledNumber());
    }

    @Test
    void dolt31HidesTheNumberForThisCallOnly() {
        assertTrue(ringing("*31*1002").caller().hidden());
        assertFalse(ringing("1002").caller().hidden());
    }

    @Test
    void forbi60RingsTheColleagueMarkedAsBypassingInTheFormOfTheDevice() {
        assertTrue(ringing("*60*1002#").bypass());
        var mobile = routes.route(new CallRequest(new FromUser(ANNA), "*60*1002", Dialect.MOBILE));
        assertTrue(assertInstanceOf(RingUser.class, mobile).bypass());
        assertEquals(OutcomeCode.INVALID_CODE,
                assertInstanceOf(Refused.class, routes.route(new CallRequest(new FromUser(ANNA), "*60*1002"))).code(),
                "a desk phone's form ends in #");
    }

    @Test
    void aNumberOutsideTheCompanyGoesOutThroughTheTrunkInE164ShowingTheFixedNumber() {
        when(company.trunkAvailable()).thenReturn(true);

        var out = assertInstanceOf(OutThroughTrunk.class, routes.route(new CallRequest(new FromUser(ANNA), "0701234567")));

        assertEquals(PhoneNumber.of("+46701234567"), out.number());
        assertEquals(Optional.of(PhoneNumber.of("+4686001001")), out.caller().number());
        assertFalse(out.caller().hidden());
    }

    @Test
    void withoutATrunkAnExternalCallIsNotAllowed() {
        when(company.trunkAvailable()).thenReturn(false);

        var refused = assertInstanceOf(Refused.class, routes.route(new CallRequest(new FromUser(ANNA), "0701234567")));

        assertEquals(OutcomeCode.NOT_ALLOWED, refused.code());
    }

    @Test
    void theAdminsHiddenNumberOnExternalCallsHidesEveryExternalCallButNotInternalOnes() {
        anna = anna.withHideNumberOnExternalCalls(true);
        when(users.find(ANNA)).thenReturn(Optional.of(anna));
        when(company.trunkAvailable()).thenReturn(true);

        var out = assertInstanceOf(OutThroughTrunk.class, routes.route(new CallRequest(new FromUser(ANNA), "0701234567")));

        assertTrue(out.caller().hidden());
        assertFalse(ringing("1002").caller().hidden());
    }

    @Test
    void anExtensionNobodyHasIsAnUnknownNumberAndSoIsGarbage() {
        assertEquals(OutcomeCode.UNKNOWN_NUMBER,
                assertInstanceOf(Refused.class, routes.route(new CallRequest(new FromUser(ANNA), "1999"))).code());
        assertEquals(OutcomeCode.UNKNOWN_NUMBER,
                assertInstanceOf(Refused.class, routes.route(new CallRequest(new FromUser(ANNA), "hello"))).code());
        assertEquals(OutcomeCode.INVALID_CODE,
                assertInstanceOf(Refused.class, routes.route(new CallRequest(new FromUser(ANNA), "*21*1002#"))).code());
    }

    @Test
    void aColleagueWithoutARegisteredPhoneIsNotReachable() {
        when(locations.bindingsOf(BERIT, NOW)).thenReturn(List.of());

        var refused = assertInstanceOf(Refused.class, routes.route(new CallRequest(new FromUser(ANNA), "1002")));

        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refused.code());
    }

    @Test
    void theTrunkCallsBeritsFixedNumberAndOnlyNumbersOfOursAreAccepted() {
        var ring = assertInstanceOf(RingUser.class,
                routes.route(new CallRequest(new FromTrunk(Optional.of("+46701112233"), false), "+4686001002")));
        assertEquals(CalledNumber.FIXED, ring.calledNumber());
        assertEquals(Optional.of(PhoneNumber.of("+46701112233")), ring.caller().number());
        assertEquals(Optional.empty(), ring.caller().user());

        var refused = assertInstanceOf(Refused.class,
                routes.route(new CallRequest(new FromTrunk(Optional.empty(), true), "+46701112233")));
        assertEquals(OutcomeCode.UNKNOWN_NUMBER, refused.code(), "no transit through us from the trunk back to the trunk");
    }

    // ---- the rules at call time ----------------------------------------------------------------

    private static final Extension CECILIA = Extension.of("1003");
    private static final Binding CECILIAS_DESK = new Binding("sip:1003@10.0.0.3:5060", NOW.plusSeconds(300), "reg-3", 1,
            1.0f, Dialect.TERMINAL, "desk", "10.0.0.3");

    private void beritIs(User changed) {
        berit = changed;
        lenient().when(users.findByNumber(PhoneNumber.of("1002"))).thenReturn(Optional.of(berit));
    }

    private void ceciliaExists() {
        User cecilia = User.create(CECILIA, "Cecilia Carlsson");
        lenient().when(users.findByNumber(PhoneNumber.of("1003"))).thenReturn(Optional.of(cecilia));
        lenient().when(locations.bindingsOf(CECILIA, NOW)).thenReturn(List.of(CECILIAS_DESK));
    }

    private CallRoute annaCallsBerit() {
        return routes.route(new CallRequest(new FromUser(ANNA), "1002"));
    }

    @Test
    void direktVidarekopplingRingsTheTargetWithTheDiversionAndTheTraceOfBothUsers() {
        ceciliaExists();
        beritIs(berit.withForwardings(Forwardings.NONE.with(ForwardingKind.UNCONDITIONAL, Optional.of(PhoneNumber.of("1003")))));

        var ring = assertInstanceOf(RingUser.class, annaCallsBerit());

        assertEquals(CECILIA, ring.callee().extension());
        assertEquals(List.of(new Diversion(BERIT, BERITS_FIXED, DiversionCause.UNCONDITIONAL, PhoneNumber.of("1003"))),
                ring.diversions());
        assertEquals("unconditionalForwarding", ring.trace().get(0).rule());
        assertEquals(Optional.of(BERIT), ring.trace().get(0).user());
        assertEquals("ring", ring.trace().get(ring.trace().size() - 1).rule());
    }

    @Test
    void fordrojdRingsBeritThenAfterHerDelayCecilia() {
        ceciliaExists();
        beritIs(berit.withForwardings(Forwardings.NONE.with(ForwardingKind.NO_ANSWER, Optional.of(PhoneNumber.of("1003"))))
                .withNoAnswerDelaySeconds(15));

        var ring = assertInstanceOf(RingUser.class, annaCallsBerit());

        assertEquals(BERIT, ring.callee().extension());
        assertEquals(Optional.of(Duration.ofSeconds(15)), ring.noAnswerAfter());
        var then = assertInstanceOf(RingUser.class, ring.onNoAnswer());
        assertEquals(CECILIA, then.callee().extension());
        assertEquals(DiversionCause.NO_ANSWER, then.diversions().get(0).cause());
    }

    @Test
    void withoutForwardingButWithVoicemailAnUnansweredCallGoesToVoicemailAfterTheDelayAndABusyOneAtOnce() {
        beritIs(berit.withVoicemailEnabled(true));

        var ring = assertInstanceOf(RingUser.class, annaCallsBerit());
        assertEquals(Optional.of(Duration.ofSeconds(User.DEFAULT_NO_ANSWER_DELAY_SECONDS)), ring.noAnswerAfter());
        assertEquals(DiversionCause.NO_ANSWER, assertInstanceOf(ToVoicemail.class, ring.onNoAnswer()).cause());
        assertEquals(DiversionCause.BUSY, assertInstanceOf(ToVoicemail.class, ring.onBusy()).cause());

        when(liveCalls.inCall(BERIT)).thenReturn(true);
        beritIs(berit.setCallWaiting(false, NOW) instanceof se.plus.domain.outcome.Decision.Accepted<User> a ? a.after() : berit);
        assertEquals(DiversionCause.BUSY, assertInstanceOf(ToVoicemail.class, annaCallsBerit()).cause(),
                "in a call without call waiting: busy, so voicemail at once");
    }

    @Test
    void withNeitherForwardingNorVoicemailItRingsUntilTheCallerGivesUpAndBusyIsBusy() {
        var ring = assertInstanceOf(RingUser.class, annaCallsBerit());

        assertEquals(Optional.empty(), ring.noAnswerAfter());
        assertInstanceOf(NotReached.class, ring.onNoAnswer());
        assertInstanceOf(Busy.class, ring.onBusy());
    }

    @Test
    void forwardingToAPremiumRateNumberIsRefusedAtCallTimeToo() {
        when(company.forwardTargets()).thenReturn(new ForwardTargetPolicy(ForwardTargetPolicy.SWEDISH_PREMIUM_RATE, true, "+46"));
        beritIs(berit.withForwardings(Forwardings.NONE.with(ForwardingKind.UNCONDITIONAL, Optional.of(PhoneNumber.of("0900123456")))));

        var refused = assertInstanceOf(Refused.class, annaCallsBerit());

        assertEquals(OutcomeCode.NOT_ALLOWED, refused.code());
    }

    @Test
    void aQueueWithNobodyLoggedInIsNotActive() {
        when(queues.find(500)).thenReturn(Optional.of(Queue.create(500, "Växeln", Set.of(BERIT))));

        var refused = assertInstanceOf(Refused.class, routes.route(new CallRequest(new FromUser(ANNA), "500")));

        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refused.code());
    }

    @Test
    void theDryRunAnswersWhatTheCallDoes() {
        ceciliaExists();
        beritIs(berit.withForwardings(Forwardings.NONE.with(ForwardingKind.BUSY, Optional.of(PhoneNumber.of("1003")))));
        lenient().when(users.find(BERIT)).thenReturn(Optional.of(berit));
        lenient().when(users.findByNumber(PhoneNumber.of("1001"))).thenReturn(Optional.of(anna));
        var dryRun = new ExplainRouteService(users, locations, liveCalls, company, new UnitOfWork());

        assertEquals(annaCallsBerit(), dryRun.explain(BERIT, Optional.of(PhoneNumber.of("1001")), NOW));
    }
}
