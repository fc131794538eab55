package se.plus.domain.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import se.plus.domain.call.LiveCall.Ending;
import se.plus.domain.call.LiveCall.LegState;
import se.plus.domain.call.LiveCall.State;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

class LiveCallTest {

    private static final Extension ANNA = new Extension("1001");
    private static final Extension BERIT = new Extension("1002");
    private static final Extension CECILIA = new Extension("1003");

    private static LiveCall annaCallsBeritOnThreePhones() {
        var call = new LiveCall("c1", new CallParty(Optional.of(ANNA), Optional.of(PhoneNumber.of("1001")), "Anna", false),
                Optional.of(BERIT), 0);
        call.offer("desk", Optional.of(BERIT));
        call.offer("soft", Optional.of(BERIT));
        call.offer("mobile", Optional.of(BERIT));
        return call;
    }

    @Test
    @DisplayName("contract: the first 2xx wins and the others get CANCEL")
    void theFirstAnswerWinsAndTheLegsThatRangAreCancelled() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.rang("desk");
        call.rang("soft");

        var decision = call.answered("soft", 5);

        assertEquals(new LiveCall.Won(List.of("desk")), decision);
        assertEquals(State.CONNECTED, call.state());
        assertEquals(Optional.of("soft"), call.answeredLeg());
        assertEquals(LegState.CANCELLED, call.leg("desk"));
    }

    @Test
    @DisplayName("RFC 3261 §9.1: a leg that has not rung is cancelled when its first 1xx arrives, once")
    void aLegThatHasNotRungIsCancelledWhenItRings() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.rang("desk");
        call.answered("desk", 1);

        assertEquals(LegState.CANCEL_OWED, call.leg("mobile"));
        assertTrue(call.rang("mobile"), "the owed CANCEL goes out on the first 1xx");
        assertFalse(call.rang("mobile"), "not again on a later 1xx");
    }

    @Test
    @DisplayName("a late 2xx from a losing leg is acknowledged and hung up")
    void aSecondAnswerLoses() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.answered("desk", 1);

        assertInstanceOf(LiveCall.Lost.class, call.answered("soft", 2));
        assertEquals(Optional.of("desk"), call.answeredLeg());
    }

    @Test
    @DisplayName("a 2xx that crosses the caller's CANCEL loses: the caller already has 487")
    void anAnswerAfterTheCallerGaveUpLoses() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.rang("desk");

        assertEquals(List.of("desk"), call.stopRinging(Ending.CANCELLED));
        assertInstanceOf(LiveCall.Lost.class, call.answered("desk", 3));
        assertEquals(Optional.of(Ending.CANCELLED), call.ending());
    }

    @Test
    @DisplayName("contract: busy = every device answered 486")
    void busyOnlyWhenEveryDeviceIsBusy() {
        LiveCall call = annaCallsBeritOnThreePhones();
        assertFalse(call.refused("desk", 486));
        assertFalse(call.refused("soft", 486));
        assertTrue(call.refused("mobile", 486), "the last refusal ends the ringing");

        assertEquals(486, call.refusalForCaller());
        assertEquals(State.RINGING, call.state(), "busy forwarding or voicemail may still take the call");
        call.stopRinging(Ending.REFUSED);
        assertEquals(Optional.of(Ending.REFUSED), call.ending());
    }

    @Test
    @DisplayName("Vidarekoppling vid ej svar: Berits telefoner får CANCEL, målet ringer, och det är målet som blir upptaget")
    void aDivertedCallRingsTheTargetAndKeepsWhoeverAnswersBusy() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.rang("desk");
        call.refused("soft", 486);

        assertEquals(List.of("desk"), call.divert(), "the phone that rang is cancelled now");
        assertEquals(State.RINGING, call.state());
        call.offer("colleague", Optional.of(CECILIA));
        assertTrue(call.rang("mobile"), "a phone that rings only now is cancelled now");
        assertFalse(call.refused("desk", 487), "the cancelled leg's 487 is no refusal of the new target");

        assertInstanceOf(LiveCall.Won.class, call.answered("colleague", 5));
        assertEquals(Optional.of(CECILIA), call.answeredBy());
        assertEquals(List.of(ANNA, CECILIA), call.busyUsers());
    }

    @Test
    @DisplayName("one device busy and one unavailable: the caller hears 480, not busy")
    void mixedRefusalsAreTemporarilyUnavailable() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.refused("desk", 486);
        call.refused("soft", 408);
        call.refused("mobile", 404);

        assertEquals(480, call.refusalForCaller());
    }

    @Test
    @DisplayName("RFC 3261 §16.7: a 6xx from any device is what the caller hears")
    void aDeclineIsGlobal() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.refused("desk", 486);
        call.refused("soft", 603);
        call.refused("mobile", 480);

        assertEquals(603, call.refusalForCaller());
    }

    @Test
    @DisplayName("the 487 of a cancelled leg does not end a connected call")
    void theCancelledLegsRefusalDoesNotEndTheCall() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.rang("desk");
        call.answered("soft", 1);

        assertFalse(call.refused("desk", 487));
        assertEquals(State.CONNECTED, call.state());
    }

    @Test
    @DisplayName("the caller is busy from the start, the callee once connected, nobody after the end")
    void whoIsBusy() {
        LiveCall call = annaCallsBeritOnThreePhones();
        assertEquals(List.of(ANNA), call.busyUsers());

        call.answered("desk", 1);
        assertEquals(List.of(ANNA, BERIT), call.busyUsers());

        assertTrue(call.hangUp(Ending.HUNG_UP));
        assertFalse(call.hangUp(Ending.HUNG_UP), "a BYE from both sides ends it once");
        assertEquals(List.of(), call.busyUsers());
    }

    @Test
    void aLegIsOfferedOnceAndOnlyWhileTheCallRings() {
        LiveCall call = annaCallsBeritOnThreePhones();
        assertThrows(IllegalArgumentException.class, () -> call.offer("desk"));
        call.answered("desk", 1);
        assertThrows(IllegalStateException.class, () -> call.offer("late"));
    }

    @Test
    @DisplayName("Ta samtal: *80* takes the call ringing at Berit; a second picker finds nothing")
    void aPickerTakesTheRingingCallAndASecondPickerLoses() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.rang("desk");
        assertTrue(call.ringsAt(BERIT));
        assertEquals(List.of(BERIT), call.ringingUsers());

        var first = call.pickedUp("pickup-1", CECILIA, 7);
        var second = call.pickedUp("pickup-2", new Extension("1004"), 8);

        assertEquals(new LiveCall.Won(List.of("desk")), first);
        assertInstanceOf(LiveCall.Lost.class, second);
        assertEquals(Optional.of(CECILIA), call.answeredBy());
        assertFalse(call.ringsAt(BERIT));
        assertEquals(List.of(ANNA, CECILIA), call.busyUsers());
    }

    @Test
    @DisplayName("a queue call rings at its members but is no direct call: a pickup by call control may not claim it")
    void aQueueCallCannotBeClaimedForPickup() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.ringing(se.plus.domain.routing.CallKind.QUEUE);
        assertFalse(call.claimPickup());
        call.ringing(se.plus.domain.routing.CallKind.DIRECT);
        assertTrue(call.claimPickup());
        assertFalse(call.claimPickup(), "one claim only");
        assertInstanceOf(LiveCall.Lost.class, call.pickedUp("pickup", CECILIA, 1), "and no *80* after it");
    }

    @Test
    @DisplayName("Direkt överföring: Berit leaves, the call rings anew for Anna, who stays answered")
    void aDirectTransferHandsTheCallOverAndItRingsAnew() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.rang("desk");
        call.answered("desk", 1);

        assertEquals("desk", call.handOver());

        assertEquals(State.RINGING, call.state());
        assertTrue(call.handedOver());
        assertEquals(LegState.ENDED, call.leg("desk"));
        assertEquals(List.of(ANNA), call.busyUsers(), "Berit is free again");
        call.offer("cecilia", Optional.of(CECILIA));
        call.rang("cecilia");
        assertInstanceOf(LiveCall.Won.class, call.answered("cecilia", 2));
        assertEquals(Optional.of(CECILIA), call.answeredBy());
    }

    @Test
    @DisplayName("Aviserad överföring: Berit talks to Cecilia while Anna waits; hanging up completes it")
    void anAnnouncedTransferCompletesWhenTheUserHangsUp() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.answered("soft", 1);
        call.consult(PhoneNumber.of("1003"), BERIT);
        call.offerConsultation("c-desk", Optional.of(CECILIA));
        call.offerConsultation("c-soft", Optional.of(CECILIA));
        call.rang("c-desk");
        call.rang("c-soft");

        assertEquals(new LiveCall.Won(List.of("c-soft")), call.answered("c-desk", 2));
        assertEquals(List.of(ANNA, BERIT, CECILIA), call.busyUsers());
        assertEquals(Optional.of(PhoneNumber.of("1003")), call.consultation());

        assertEquals("soft", call.completeTransfer());
        assertEquals(Optional.of(CECILIA), call.answeredBy());
        assertTrue(call.consultation().isEmpty());
        assertEquals(State.CONNECTED, call.state());
    }

    @Test
    @DisplayName("* tar tillbaka samtalet: the consulted party is dropped, Anna is back with Berit")
    void takingBackDropsTheConsultation() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.answered("soft", 1);
        call.consult(PhoneNumber.of("1003"), BERIT);
        call.offerConsultation("c-desk", Optional.of(CECILIA));
        call.offerConsultation("c-mobile", Optional.of(CECILIA));
        call.rang("c-desk");
        call.answered("c-desk", 2);

        var ended = call.endConsultation();

        assertEquals(Optional.of("c-desk"), ended.hangUp());
        assertEquals(LegState.ENDED, call.leg("c-desk"));
        assertEquals(LegState.CANCEL_OWED, call.leg("c-mobile"));
        assertEquals(Optional.of(BERIT), call.answeredBy());
        assertTrue(call.consultation().isEmpty());
    }

    @Test
    @DisplayName("the consulted party refuses on every phone: the consultation failed, the call is still Berit's")
    void aConsultationEveryPhoneRefusedHasFailed() {
        LiveCall call = annaCallsBeritOnThreePhones();
        call.answered("soft", 1);
        call.consult(PhoneNumber.of("1003"), BERIT);
        call.offerConsultation("c-desk", Optional.of(CECILIA));
        assertFalse(call.consultationFailed());

        assertFalse(call.refused("c-desk", 486), "a consulted leg's refusal never ends the call itself");

        assertTrue(call.consultationFailed());
        assertEquals(State.CONNECTED, call.state());
        assertThrows(IllegalStateException.class, call::handOver, "no direct transfer while one is announced");
    }
}
