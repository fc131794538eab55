package se.plus.domain.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.domain.Fixtures.ANNA;
import static se.plus.domain.Fixtures.BOSSE;
import static se.plus.domain.Fixtures.NOW;
import static se.plus.domain.Fixtures.anna;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import se.plus.domain.dialstring.BypassCall;
import se.plus.domain.dialstring.HiddenNumberCall;
import se.plus.domain.dialstring.Pickup;
import se.plus.domain.dialstring.SendToVoicemail;
import se.plus.domain.dialstring.TakeBack;
import se.plus.domain.dialstring.Transfer;
import se.plus.domain.event.CallPickedUp;
import se.plus.domain.event.CallTransferred;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.routing.CallKind;
import se.plus.domain.user.TransferMode;
import se.plus.domain.user.User;

class CallServicesTest {

    private static final PhoneNumber CUSTOMER = PhoneNumber.of("0705550000");
    private static final PhoneNumber COLLEAGUE = BOSSE.asPhoneNumber();
    private static final Optional<OngoingCall> INCOMING = Optional.of(new OngoingCall(CallDirection.INCOMING, Optional.of(CUSTOMER)));
    private static final Optional<OngoingCall> OUTGOING = Optional.of(new OngoingCall(CallDirection.OUTGOING, Optional.of(CUSTOMER)));

    private final CallServices services = new CallServices();

    private static Outcome.Done done(Outcome o) {
        return assertInstanceOf(Outcome.Done.class, o, o::toString);
    }

    private static OutcomeCode refusedWith(Outcome o) {
        return assertInstanceOf(Outcome.Refused.class, o, o::toString).code();
    }

    @Nested
    @DisplayName("Överflytta pågående inkommande samtal")
    class Transfers {

        @Test
        @DisplayName("Aviserad överföring: the user first talks to the target; hanging up completes")
        void announced() {
            Outcome.Done d = done(services.transfer(anna(), new Transfer(COLLEAGUE), INCOMING, NOW));
            assertEquals("ANNOUNCED", d.action());
            assertEquals(List.of(), d.events());
            Outcome.Done complete = done(services.completeTransfer(anna(), COLLEAGUE, NOW));
            assertEquals(List.of(new CallTransferred(ANNA, NOW, COLLEAGUE, TransferMode.ANNOUNCED)), complete.events());
        }

        @Test
        @DisplayName("Direkt överföring: the caller is connected at once")
        void direct() {
            Outcome.Done d = done(services.transfer(anna().withTransferMode(TransferMode.DIRECT), new Transfer(COLLEAGUE),
                    INCOMING, NOW));
            assertEquals("DIRECT", d.action());
            assertEquals("CALL_TRANSFERRED", d.events().get(0).type());
        }

        @Test
        @DisplayName("transferModeNoneTransfersNothing: Inga, samtal kopplas inte vidare")
        void none() {
            assertEquals(OutcomeCode.NOT_ALLOWED, refusedWith(services.transfer(anna().withTransferMode(TransferMode.NONE),
                    new Transfer(COLLEAGUE), INCOMING, NOW)));
        }

        @Test
        @DisplayName("onlyIncomingCallsMayBeTransferred: utgående kommer inte gå")
        void outgoing() {
            assertEquals(OutcomeCode.NOT_ALLOWED, refusedWith(services.transfer(anna(), new Transfer(COLLEAGUE), OUTGOING, NOW)));
        }

        @Test
        @DisplayName("needsAnOngoingCall")
        void noCall() {
            assertEquals(OutcomeCode.NOT_ALLOWED, refusedWith(services.transfer(anna(), new Transfer(COLLEAGUE), Optional.empty(), NOW)));
        }

        @Test
        @DisplayName("För att ta tillbaka samtalet tryck *")
        void takeBack() {
            assertEquals("TAKE_BACK", done(services.takeBack(anna(), new TakeBack(), Optional.of(COLLEAGUE))).action());
            assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refusedWith(services.takeBack(anna(), new TakeBack(), Optional.empty())));
        }

        @Test
        void transferToAnyNumber() {
            done(services.transfer(anna(), new Transfer(PhoneNumber.of("+4930123456")), INCOMING, NOW));
        }
    }

    @Nested
    @DisplayName("Ta samtal")
    class Pickups {

        private final Pickup pickup = new Pickup(COLLEAGUE);

        @Test
        @DisplayName("an incoming direct call ringing at a colleague is picked up")
        void pickUp() {
            RingingCall ringing = new RingingCall(BOSSE, Optional.of(CUSTOMER), CallKind.DIRECT, CallDirection.INCOMING);
            Outcome.Done d = done(services.pickup(anna(), pickup, Optional.of(ringing), NOW));
            assertEquals(List.of(new CallPickedUp(ANNA, NOW, BOSSE, Optional.of(CUSTOMER))), d.events());
        }

        @Test
        @DisplayName("somethingMustBeRinging: [decided] nothing ringing, \"Tjänsten är inte aktiv\"")
        void nothingRinging() {
            Outcome o = services.pickup(anna(), pickup, Optional.empty(), NOW);
            assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refusedWith(o));
            assertEquals("Tjänsten är inte aktiv", o.message().sv());
        }

        @Test
        @DisplayName("onlyIncomingDirectCallsMayBePickedUp: not queue calls, not outgoing calls")
        void notQueueOrOutgoing() {
            assertEquals(OutcomeCode.NOT_ALLOWED, refusedWith(services.pickup(anna(), pickup,
                    Optional.of(new RingingCall(BOSSE, Optional.of(CUSTOMER), CallKind.QUEUE, CallDirection.INCOMING)), NOW)));
            assertEquals(OutcomeCode.NOT_ALLOWED, refusedWith(services.pickup(anna(), pickup,
                    Optional.of(new RingingCall(BOSSE, Optional.of(CUSTOMER), CallKind.DIRECT, CallDirection.OUTGOING)), NOW)));
        }

        @Test
        @DisplayName("onlyColleaguesCallsMayBePickedUp")
        void ownCall() {
            assertEquals(OutcomeCode.NOT_ALLOWED, refusedWith(services.pickup(anna(), new Pickup(ANNA.asPhoneNumber()),
                    Optional.of(new RingingCall(ANNA, Optional.of(CUSTOMER), CallKind.DIRECT, CallDirection.INCOMING)), NOW)));
        }
    }

    @Test
    @DisplayName("Direkt till röstbrevlåda: även kortnummer kan användas; it needs an ongoing call")
    void voicemail() {
        assertEquals("SEND", done(services.sendToVoicemail(anna(), new SendToVoicemail(COLLEAGUE), INCOMING)).action());
        assertEquals(OutcomeCode.NOT_ALLOWED, refusedWith(services.sendToVoicemail(anna(), new SendToVoicemail(COLLEAGUE),
                Optional.empty())));
        assertEquals(OutcomeCode.UNKNOWN_NUMBER, refusedWith(services.sendToVoicemail(anna(),
                new SendToVoicemail(CUSTOMER), INCOMING)));
    }

    @Test
    @DisplayName("Förbikoppla and Dolt nummer place a call")
    void placing() {
        assertEquals("BYPASS", done(services.bypassCall(anna(), new BypassCall(COLLEAGUE))).service());
        assertEquals("HIDDEN_NUMBER", done(services.hiddenNumberCall(anna(), new HiddenNumberCall(CUSTOMER))).service());
    }

    @Test
    @DisplayName("Dolt nummer: *31* hides this call; the admin setting hides every external call")
    void callerId() {
        User u = anna();
        assertTrue(CallServices.withholdsCallerId(u, COLLEAGUE, true));
        assertEquals(false, CallServices.withholdsCallerId(u, CUSTOMER, false));
        assertTrue(CallServices.withholdsCallerId(u.withHideNumberOnExternalCalls(true), CUSTOMER, false));
        assertEquals(false, CallServices.withholdsCallerId(u.withHideNumberOnExternalCalls(true), COLLEAGUE, false));
    }

    @Test
    void policiesAreNamedAndListed() {
        assertEquals(List.of(TransferPolicy.needsAnOngoingCall, TransferPolicy.onlyIncomingCallsMayBeTransferred,
                TransferPolicy.transferModeNoneTransfersNothing), TransferPolicy.ALL);
        assertEquals(List.of(PickupPolicy.somethingMustBeRinging, PickupPolicy.onlyIncomingDirectCallsMayBePickedUp,
                PickupPolicy.onlyColleaguesCallsMayBePickedUp), PickupPolicy.ALL);
    }
}
