package se.plus.domain.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.domain.Fixtures.ANNA;
import static se.plus.domain.Fixtures.BOSSE;
import static se.plus.domain.Fixtures.CECILIA;
import static se.plus.domain.Fixtures.NOW;
import static se.plus.domain.Fixtures.support;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import se.plus.domain.event.QueueLogin;
import se.plus.domain.event.QueueLogout;
import se.plus.domain.outcome.Decision;
import se.plus.domain.outcome.OutcomeCode;

/** FAQ "Svarsgrupp/kösystem". */
class QueueTest {

    static Decision.Accepted<Queue> accepted(Decision<Queue> d) {
        return assertInstanceOf(Decision.Accepted.class, d, d::toString);
    }

    @Test
    @DisplayName("Du kan endast logga in dig i köer som du redan är medlem i")
    void memberLogsIn() {
        Decision.Accepted<Queue> a = accepted(support().logIn(ANNA, NOW));
        assertTrue(a.after().isLoggedIn(ANNA));
        assertEquals(List.of(new QueueLogin(ANNA, NOW, 5)), a.events());
    }

    @Test
    @DisplayName("onlyMembersMayLogIn: \"Om du inte är medlem i en kö och försöker logga in ... Tjänsten är inte aktiv\"")
    void onlyMembersMayLogIn() {
        Decision.Rejected<Queue> r = assertInstanceOf(Decision.Rejected.class, support().logIn(CECILIA, NOW));
        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, r.refusal().code());
        assertEquals("Tjänsten är inte aktiv", r.refusal().code().message().sv());
    }

    @Test
    @DisplayName("onlyMembersMayLogOut: ... och ut dig ur köer som du redan är medlem i")
    void onlyMembersMayLogOut() {
        Decision.Rejected<Queue> r = assertInstanceOf(Decision.Rejected.class, support().logOut(CECILIA, NOW));
        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, r.refusal().code());
    }

    @Test
    @DisplayName("[decided] logging in twice succeeds and changes nothing")
    void loginTwice() {
        Queue in = accepted(support().logIn(ANNA, NOW)).after();
        Decision.Accepted<Queue> again = accepted(in.logIn(ANNA, NOW));
        assertEquals(in, again.after());
        assertEquals(List.of(), again.events());
    }

    @Test
    @DisplayName("[decided] logging out when logged out succeeds and changes nothing")
    void logoutWhenOut() {
        Decision.Accepted<Queue> a = accepted(support().logOut(ANNA, NOW));
        assertEquals(support(), a.after());
        assertEquals(List.of(), a.events());
    }

    @Test
    void logOut() {
        Queue in = accepted(support().logIn(BOSSE, NOW)).after();
        Decision.Accepted<Queue> out = accepted(in.logOut(BOSSE, NOW));
        assertFalse(out.after().isLoggedIn(BOSSE));
        assertEquals(List.of(new QueueLogout(BOSSE, NOW, 5)), out.events());
    }

    @Test
    @DisplayName("a member removed from the queue is logged out with it")
    void removedMember() {
        Queue in = accepted(support().logIn(BOSSE, NOW)).after();
        assertFalse(in.withMembers(Set.of(ANNA)).isLoggedIn(BOSSE));
    }

    @Test
    void onlyMembersCanBeLoggedIn() {
        assertThrows(IllegalArgumentException.class,
                () -> new Queue(5, "Support", Set.of(ANNA), Set.of(BOSSE), QueueStrategy.RING_ALL));
    }

    @Test
    @DisplayName("onlyMembersHaveALoginState: [decided] *#75*<q># from a non-member, \"Tjänsten är inte aktiv\"")
    void onlyMembersHaveALoginState() {
        Decision.Rejected<Queue> r = assertInstanceOf(Decision.Rejected.class, support().loginState(CECILIA));
        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, r.refusal().code());
        assertEquals(List.of(), accepted(support().loginState(ANNA)).events());
    }

    @Test
    void policiesAreNamedAndListed() {
        assertEquals(List.of(QueuePolicy.onlyMembersMayLogIn), QueuePolicy.LOG_IN);
        assertEquals(List.of(QueuePolicy.onlyMembersMayLogOut), QueuePolicy.LOG_OUT);
        assertEquals(List.of(QueuePolicy.onlyMembersHaveALoginState), QueuePolicy.STATUS);
    }
}
