package se.plus.domain.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.domain.Fixtures.ANNA;
import static se.plus.domain.Fixtures.AWAY;
import static se.plus.domain.Fixtures.LUNCH;
import static se.plus.domain.Fixtures.MEETING;
import static se.plus.domain.Fixtures.NOW;
import static se.plus.domain.Fixtures.RECEPTION;
import static se.plus.domain.Fixtures.STOCKHOLM;
import static se.plus.domain.Fixtures.anna;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Decision;
import se.plus.domain.routing.RoutingStep.Barred;
import se.plus.domain.routing.RoutingStep.Busy;
import se.plus.domain.routing.RoutingStep.ForwardAfterDelay;
import se.plus.domain.routing.RoutingStep.ForwardNow;
import se.plus.domain.routing.RoutingStep.RingDevices;
import se.plus.domain.routing.RoutingStep.Voicemail;
import se.plus.domain.user.Colleagues;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.User;

class RoutingPolicyTest {

    private static final PhoneNumber CALLER = PhoneNumber.of("0705550000");
    private static final PhoneNumber COLLEAGUE = PhoneNumber.of("1002");
    private static final PhoneNumber HOME = PhoneNumber.of("0812121212");
    private static final IncomingCall CALL = IncomingCall.direct(CALLER);

    private static User forwarded(User u, ForwardingKind kind, PhoneNumber target) {
        return ((Decision.Accepted<User>) u.forward(kind, target, Colleagues.none(), NOW)).after();
    }

    private static User withProfile(int number) {
        return ((Decision.Accepted<User>) anna().activateProfile(number, Optional.empty(), NOW, STOCKHOLM)).after();
    }

    private static RoutingPlan route(User u, IncomingCall call) {
        return RoutingPolicy.route(u, call, NOW);
    }

    @Test
    @DisplayName("nothing set: the call rings")
    void ring() {
        RoutingPlan plan = route(anna(), CALL);
        assertEquals(List.of(new RingDevices(ANNA)), plan.steps());
        assertEquals("ring", plan.rule());
    }

    @Test
    @DisplayName("Direkt: alla inkommande direktsamtal vidarekopplas till angivet nummer")
    void unconditionalForwarding() {
        RoutingPlan plan = route(forwarded(anna(), ForwardingKind.UNCONDITIONAL, HOME), CALL);
        assertEquals(List.of(new ForwardNow(HOME)), plan.steps());
        assertEquals("unconditionalForwarding", plan.rule());
    }

    @Test
    @DisplayName("Fördröjd: samtalet ringer och vidarekopplas efter fördröjningen om ingen svarar")
    void noAnswerForwarding() {
        User u = forwarded(anna(), ForwardingKind.NO_ANSWER, COLLEAGUE).withNoAnswerDelaySeconds(15);
        assertEquals(List.of(new RingDevices(ANNA), new ForwardAfterDelay(COLLEAGUE, 15)), route(u, CALL).steps());
        assertEquals("ringThenForwardOnNoAnswer", route(u, CALL).rule());
    }

    @Test
    @DisplayName("Vid upptaget: samtal som kommer när användaren är upptagen går till angivet nummer")
    void busyForwarding() {
        User u = forwarded(anna(), ForwardingKind.BUSY, COLLEAGUE);
        assertEquals(List.of(new ForwardNow(COLLEAGUE)), route(u, CALL.whileCalleeBusy()).steps());
        assertEquals(List.of(new RingDevices(ANNA)), route(u, CALL).steps());
    }

    @Test
    @DisplayName("busy without busy forwarding: a waiting call if call waiting is on, else busy")
    void busyWithoutForwarding() {
        assertEquals(List.of(new RingDevices(ANNA)), route(anna(), CALL.whileCalleeBusy()).steps());
        assertEquals(List.of(new Busy()), route(anna().withCallWaiting(false), CALL.whileCalleeBusy()).steps());
        User u = forwarded(anna(), ForwardingKind.NO_ANSWER, COLLEAGUE);
        assertEquals(List.of(new RingDevices(ANNA), new ForwardAfterDelay(COLLEAGUE, 20)),
                route(u, CALL.whileCalleeBusy()).steps());
    }

    @Test
    @DisplayName("the Lunch profile bars calls with its referral message")
    void barredProfile() {
        RoutingPlan plan = route(withProfile(LUNCH), CALL);
        assertEquals(List.of(new Barred(Optional.of("Anna är på lunch till 13"))), plan.steps());
        assertEquals("activeProfileHandling", plan.rule());
        assertTrue(plan.explanation().contains("Lunch"), plan.explanation());
    }

    @Test
    @DisplayName("a voicemail profile sends calls to voicemail; a forwarding profile forwards them")
    void otherProfiles() {
        assertEquals(List.of(new Voicemail(ANNA)), route(withProfile(MEETING), CALL).steps());
        assertEquals(List.of(new ForwardNow(RECEPTION)), route(withProfile(AWAY), CALL).steps());
    }

    @Test
    @DisplayName("an expired profile no longer applies, even before the timer has reverted it")
    void expiredProfile() {
        assertEquals(List.of(new RingDevices(ANNA)),
                RoutingPolicy.route(withProfile(LUNCH), CALL, NOW.plus(Duration.ofHours(1))).steps());
    }

    @Test
    @DisplayName("[decided] unconditional forwarding takes precedence over the profile")
    void unconditionalBeforeProfile() {
        User u = forwarded(withProfile(LUNCH), ForwardingKind.UNCONDITIONAL, HOME);
        assertEquals(List.of(new ForwardNow(HOME)), route(u, CALL).steps());
    }

    @Test
    @DisplayName("[decided] a non-ringing profile takes precedence over busy and no-answer forwarding")
    void profileBeforeBusyAndNoAnswer() {
        User u = forwarded(forwarded(withProfile(MEETING), ForwardingKind.BUSY, COLLEAGUE), ForwardingKind.NO_ANSWER, COLLEAGUE);
        assertEquals(List.of(new Voicemail(ANNA)), route(u, CALL.whileCalleeBusy()).steps());
    }

    @Test
    @DisplayName("Förbikoppla: *60* goes past barring, referral and forwarding")
    void bypass() {
        User u = forwarded(withProfile(LUNCH), ForwardingKind.UNCONDITIONAL, HOME);
        RoutingPlan plan = route(u, CALL.bypassing());
        assertEquals(List.of(new RingDevices(ANNA)), plan.steps());
        assertEquals("bypassSkipsBarringReferralAndForwarding", plan.rule());
    }

    @Test
    @DisplayName("OBS! Avser endast fastnummer: a call to the mobile number rings unless mobile follows fixed")
    void mobileNumber() {
        User u = forwarded(anna(), ForwardingKind.UNCONDITIONAL, HOME);
        RoutingPlan plan = route(u, CALL.to(CalledNumber.MOBILE));
        assertEquals(List.of(new RingDevices(ANNA)), plan.steps());
        assertEquals("mobileFollowsRulesOnlyWhenItFollowsFixed", plan.rule());
        assertEquals(List.of(new ForwardNow(HOME)), route(u.withMobileFollowsFixed(true), CALL.to(CalledNumber.MOBILE)).steps());
        assertEquals(List.of(new ForwardNow(HOME)), route(u, CALL.to(CalledNumber.FIXED)).steps());
    }

    @Test
    @DisplayName("[decided] a queue call rings the member; forwarding and profiles are for direct calls")
    void queueCall() {
        User u = forwarded(withProfile(LUNCH), ForwardingKind.UNCONDITIONAL, HOME);
        RoutingPlan plan = route(u, CALL.fromQueue());
        assertEquals(List.of(new RingDevices(ANNA)), plan.steps());
        assertEquals("queueCallsRingTheMember", plan.rule());
        assertEquals(List.of(new Busy()), route(u.withCallWaiting(false), CALL.fromQueue().whileCalleeBusy()).steps());
    }

    @Test
    @DisplayName("[decided] hop limit: after 5 diversions forwarding is not followed, the call rings")
    void hopLimit() {
        User u = forwarded(anna(), ForwardingKind.UNCONDITIONAL, COLLEAGUE);
        assertEquals(List.of(new ForwardNow(COLLEAGUE)), route(u, CALL.afterHops(4)).steps());
        RoutingPlan cut = route(u, CALL.afterHops(5));
        assertEquals(List.of(new RingDevices(ANNA)), cut.steps());
        assertTrue(cut.explanation().contains("hop limit"), cut.explanation());
        assertEquals(List.of(new RingDevices(ANNA)), route(withProfile(AWAY), CALL.afterHops(5)).steps());
        assertEquals(List.of(new Barred(Optional.of("Anna är på lunch till 13"))),
                route(withProfile(LUNCH), CALL.afterHops(5)).steps(), "barring is no diversion");
    }

    @Test
    @DisplayName("a loop A → B → A is cut by the hop limit")
    void loopIsCut() {
        User a = forwarded(anna(), ForwardingKind.UNCONDITIONAL, COLLEAGUE);
        IncomingCall call = CALL;
        int diversions = 0;
        while (route(a, call).first() instanceof ForwardNow) {
            call = call.diverted();
            diversions++;
        }
        assertEquals(5, diversions);
    }

    @Test
    @DisplayName("a hidden caller stays hidden on every leg")
    void hiddenCaller() {
        assertTrue(route(forwarded(anna(), ForwardingKind.UNCONDITIONAL, HOME), CALL.withCallerHidden()).withholdCallerId());
        assertEquals(false, route(anna(), CALL).withholdCallerId());
    }

    @Test
    void rulesInOrderOfPrecedence() {
        assertEquals(8, RoutingRule.ALL.size());
        assertEquals(RoutingRule.ring, RoutingRule.ALL.get(7));
        assertEquals(RoutingRule.bypassSkipsBarringReferralAndForwarding, RoutingRule.ALL.get(0));
    }
}
