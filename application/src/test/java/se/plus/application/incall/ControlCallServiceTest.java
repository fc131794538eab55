package se.plus.application.incall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.ControlCallUseCase.KeyedInCall;
import se.plus.application.port.in.ControlCallUseCase.PickupRequest;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.in.RouteCallUseCase.Explanation;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.port.out.CallControl;
import se.plus.application.port.out.CallControl.Ongoing;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.ServiceEvents;
import se.plus.application.port.out.Users;
import se.plus.application.service.ServiceExecution;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.call.CallDirection;
import se.plus.domain.call.CallParty;
import se.plus.domain.call.RingingCall;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.event.CallPickedUp;
import se.plus.domain.event.CallTransferred;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.routing.CallKind;
import se.plus.domain.user.ForwardTargetPolicy;
import se.plus.domain.user.TransferMode;
import se.plus.domain.user.User;

/** The rules of the in-call codes as the phone adapter asks them, with the call and its control mocked. */
@ExtendWith(MockitoExtension.class)
class ControlCallServiceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Extension ANNA = Extension.of("1001");
    private static final Extension BERIT = Extension.of("1002");
    private static final Extension CECILIA = Extension.of("1003");
    private static final PhoneNumber CUSTOMER = PhoneNumber.of("0701234567");
    private static final CallParty FROM_CUSTOMER = CallParty.external(Optional.of(CUSTOMER), false);
    private static final CallRoute SOMEWHERE = new RouteCallUseCase.Busy(List.of(Explanation.of("test", "a route")));

    @Mock
    Users users;
    @Mock
    Queues queues;
    @Mock
    AuditTrail audit;
    @Mock
    ServiceEvents events;
    @Mock
    CompanySettings company;
    @Mock
    CallControl calls;
    @Mock
    RouteCallUseCase routes;

    ControlCallService service;
    User berit = User.create(BERIT, "Berit Bengtsson");

    @BeforeEach
    void wire() {
        var execution = new ServiceExecution(users, queues, audit, events, company, Clock.fixed(NOW, ZoneOffset.UTC),
                new UnitOfWork());
        service = new ControlCallService(users, calls, routes, execution, new UnitOfWork(), Clock.fixed(NOW, ZoneOffset.UTC));
        lenient().when(company.forwardTargets()).thenReturn(ForwardTargetPolicy.NONE);
        lenient().when(users.find(BERIT)).thenReturn(Optional.of(berit));
        lenient().when(users.find(CECILIA)).thenReturn(Optional.of(User.create(CECILIA, "Cecilia")));
        lenient().when(users.findByNumber(any())).thenReturn(Optional.empty());
        lenient().when(users.findByNumber(PhoneNumber.of("1002"))).thenReturn(Optional.of(berit));
        lenient().when(users.findByNumber(PhoneNumber.of("1003"))).thenReturn(Optional.of(User.create(CECILIA, "Cecilia")));
        lenient().when(routes.transfer(any(), any(), any())).thenReturn(SOMEWHERE);
    }

    private void beritAnsweredACallFromTheCustomer() {
        when(calls.ongoing("c1")).thenReturn(Optional.of(new Ongoing("c1", FROM_CUSTOMER, Optional.of(BERIT), Optional.empty())));
    }

    @Test
    void berit_keys_hash_1003_hash_and_her_announced_mode_puts_her_through_to_cecilia_without_an_event_yet() {
        beritAnsweredACallFromTheCustomer();
        when(calls.transfer("c1", BERIT, PhoneNumber.of("1003"), TransferMode.ANNOUNCED, SOMEWHERE)).thenReturn(true);

        Outcome outcome = service.keyed(new KeyedInCall("c1", BERIT, "#1003#", Dialect.TERMINAL));

        assertEquals("ANNOUNCED", assertInstanceOf(Outcome.Done.class, outcome).action());
        verify(events, never()).publish(any(), any());
    }

    @Test
    void in_direct_mode_the_transfer_is_published_once_the_call_is_handed_on() {
        berit = berit.withTransferMode(TransferMode.DIRECT);
        when(users.find(BERIT)).thenReturn(Optional.of(berit));
        beritAnsweredACallFromTheCustomer();
        when(calls.transfer("c1", BERIT, PhoneNumber.of("1003"), TransferMode.DIRECT, SOMEWHERE)).thenReturn(true);

        service.keyed(new KeyedInCall("c1", BERIT, "#1003#", Dialect.TERMINAL));

        verify(events).publish(eq(new CallTransferred(BERIT, NOW, PhoneNumber.of("1003"), TransferMode.DIRECT)), any());
    }

    @Test
    void a_transfer_to_an_extension_nobody_has_is_refused_unknown_number() {
        beritAnsweredACallFromTheCustomer();

        Outcome outcome = service.keyed(new KeyedInCall("c1", BERIT, "#21#", Dialect.TERMINAL));

        assertEquals(OutcomeCode.UNKNOWN_NUMBER, assertInstanceOf(Outcome.Refused.class, outcome).code());
    }

    @Test
    void only_an_incoming_call_can_be_transferred_the_call_goes_on() {
        when(calls.ongoing("c1")).thenReturn(Optional.of(new Ongoing("c1", CallParty.colleague(berit, false),
                Optional.of(ANNA), Optional.empty())));

        Outcome outcome = service.keyed(new KeyedInCall("c1", BERIT, "#1003#", Dialect.TERMINAL));

        assertEquals(OutcomeCode.NOT_ALLOWED, assertInstanceOf(Outcome.Refused.class, outcome).code());
        verify(calls, never()).transfer(anyString(), any(), any(), any(), any());
    }

    @Test
    void transfer_mode_none_transfers_nothing() {
        berit = berit.withTransferMode(TransferMode.NONE);
        when(users.find(BERIT)).thenReturn(Optional.of(berit));
        beritAnsweredACallFromTheCustomer();

        Outcome outcome = service.keyed(new KeyedInCall("c1", BERIT, "#1003#", Dialect.TERMINAL));

        assertEquals(OutcomeCode.NOT_ALLOWED, assertInstanceOf(Outcome.Refused.class, outcome).code());
    }

    @Test
    void star_without_an_announced_transfer_takes_nothing_back() {
        beritAnsweredACallFromTheCustomer();

        Outcome outcome = service.keyed(new KeyedInCall("c1", BERIT, "*", Dialect.TERMINAL));

        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, assertInstanceOf(Outcome.Refused.class, outcome).code());
        verify(calls, never()).takeBack(anyString(), any());
    }

    @Test
    void a_call_that_changed_meanwhile_refuses_the_transfer_and_publishes_nothing() {
        berit = berit.withTransferMode(TransferMode.DIRECT);
        when(users.find(BERIT)).thenReturn(Optional.of(berit));
        beritAnsweredACallFromTheCustomer();
        when(calls.transfer(anyString(), any(), any(), any(), any())).thenReturn(false);

        Outcome outcome = service.keyed(new KeyedInCall("c1", BERIT, "#1003#", Dialect.TERMINAL));

        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, assertInstanceOf(Outcome.Refused.class, outcome).code());
        verify(events, never()).publish(any(), any());
    }

    @Test
    void cecilia_dials_star80_1002_and_wins_the_claim_so_call_picked_up_is_published() {
        when(calls.ringingAt(BERIT)).thenReturn(Optional.of(new CallControl.Ringing("c1",
                new RingingCall(BERIT, Optional.of(CUSTOMER), CallKind.DIRECT, CallDirection.INCOMING), FROM_CUSTOMER)));

        Outcome outcome = service.pickUp(new PickupRequest(CECILIA, "*80*1002", Dialect.TERMINAL, "c1"::equals));

        assertInstanceOf(Outcome.Done.class, outcome);
        verify(events).publish(eq(new CallPickedUp(CECILIA, NOW, BERIT, Optional.of(CUSTOMER))), any());
    }

    @Test
    void the_picker_who_loses_the_claim_hears_that_nothing_rings() {
        when(calls.ringingAt(BERIT)).thenReturn(Optional.of(new CallControl.Ringing("c1",
                new RingingCall(BERIT, Optional.of(CUSTOMER), CallKind.DIRECT, CallDirection.INCOMING), FROM_CUSTOMER)));

        Outcome outcome = service.pickUp(new PickupRequest(CECILIA, "*80*1002", Dialect.TERMINAL, callId -> false));

        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, assertInstanceOf(Outcome.Refused.class, outcome).code());
        verify(events, never()).publish(any(), any());
    }

    @Test
    void a_queue_call_is_not_picked_up() {
        when(calls.ringingAt(BERIT)).thenReturn(Optional.of(new CallControl.Ringing("c1",
                new RingingCall(BERIT, Optional.of(CUSTOMER), CallKind.QUEUE, CallDirection.INCOMING), FROM_CUSTOMER)));

        Outcome outcome = service.pickUp(new PickupRequest(CECILIA, "*80*1002", Dialect.TERMINAL, callId -> true));

        assertEquals(OutcomeCode.NOT_ALLOWED, assertInstanceOf(Outcome.Refused.class, outcome).code());
    }
}
