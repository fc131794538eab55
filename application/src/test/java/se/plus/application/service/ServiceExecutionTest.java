package se.plus.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.out.AuditRecord;
import se.plus.application.port.out.AuditTrail;
import se.plus.application.port.out.CompanySettings;
import se.plus.application.port.out.ConcurrentChangeException;
import se.plus.application.port.out.Queues;
import se.plus.application.port.out.ServiceEvents;
import se.plus.application.port.out.Users;
import se.plus.domain.dialstring.ActivateForwarding;
import se.plus.domain.dialstring.QueueLogIn;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Decision;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.User;

@ExtendWith(MockitoExtension.class)
class ServiceExecutionTest {

    private static final Extension ANNA = Extension.of("1001");
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Actor PHONE = new Actor("1001", EntryPoint.SIP);

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

    ServiceExecution execution;

    @BeforeEach
    void wire() {
        execution = new ServiceExecution(users, queues, audit, events, company, Clock.fixed(NOW, ZoneOffset.UTC),
                new UnitOfWork());
        org.mockito.Mockito.lenient().when(company.forwardTargets()).thenReturn(se.plus.domain.user.ForwardTargetPolicy.NONE);
    }

    @Test
    void vidarekopplingDirektIsStoredWithItsAuditRecordAndItsEvent() {
        when(company.zone()).thenReturn(ZoneId.of("Europe/Stockholm"));
        when(users.findForChange(ANNA)).thenReturn(Optional.of(User.create(ANNA, "Anna")));
        var target = PhoneNumber.of("0701234567");

        Outcome outcome = execution.execute(ANNA, new ActivateForwarding(ForwardingKind.UNCONDITIONAL, target), PHONE);

        var done = assertInstanceOf(Outcome.Done.class, outcome);
        var saved = ArgumentCaptor.forClass(User.class);
        verify(users).save(saved.capture());
        assertEquals(Optional.of(target), saved.getValue().forwardings().unconditional());
        var record = ArgumentCaptor.forClass(AuditRecord.class);
        verify(audit).record(record.capture());
        assertEquals(EntryPoint.SIP, record.getValue().entryPoint());
        assertEquals("1001", record.getValue().actor());
        assertEquals(Optional.of("1001"), record.getValue().extension());
        var event = ArgumentCaptor.forClass(DomainEvent.class);
        verify(events).publish(event.capture(), any());
        assertEquals("FORWARDING_CHANGED", event.getValue().type());
        assertEquals(done.events(), java.util.List.of(event.getValue()));
    }

    @Test
    void nonMemberLoggingIntoAQueueHearsTjanstenArInteAktivAndNothingIsStored() {
        when(company.zone()).thenReturn(ZoneId.of("Europe/Stockholm"));
        when(users.findForChange(ANNA)).thenReturn(Optional.of(User.create(ANNA, "Anna")));
        when(queues.find(5)).thenReturn(Optional.of(Queue.create(5, "Växel", Set.of(Extension.of("1002")))));

        Outcome outcome = execution.execute(ANNA, new QueueLogIn(5), PHONE);

        var refused = assertInstanceOf(Outcome.Refused.class, outcome);
        assertEquals(OutcomeCode.SERVICE_NOT_ACTIVE, refused.code());
        assertEquals("Tjänsten är inte aktiv", refused.message().sv());
        verify(users, never()).save(any());
        verify(queues, never()).save(any());
        verify(audit, never()).record(any());
        verify(events, never()).publish(any(), any());
    }

    @Test
    void anUnknownExtensionIsNoRefusalButNoSuchUser() {
        when(users.findForChange(ANNA)).thenReturn(Optional.empty());

        assertThrows(NoSuchUserException.class, () -> execution.execute(ANNA,
                new ActivateForwarding(ForwardingKind.BUSY, PhoneNumber.of("0701234567")), PHONE));
    }

    @Test
    void aChangeThatLostARaceIsTriedAgainOnFreshState() {
        when(company.zone()).thenReturn(ZoneId.of("Europe/Stockholm"));
        when(users.findForChange(ANNA)).thenReturn(Optional.of(User.create(ANNA, "Anna")));
        doThrow(new ConcurrentChangeException("user 1001", null)).doNothing().when(users).save(any());

        Outcome outcome = execution.execute(ANNA, new ActivateForwarding(ForwardingKind.BUSY, PhoneNumber.of("0701234567")), PHONE);

        assertInstanceOf(Outcome.Done.class, outcome);
        verify(users, times(2)).save(any());
        verify(users, times(2)).findForChange(ANNA);
    }

    @Test
    void aChangeThatKeepsLosingEndsInConflictAfterThreeAttempts() {
        when(company.zone()).thenReturn(ZoneId.of("Europe/Stockholm"));
        when(users.findForChange(ANNA)).thenReturn(Optional.of(User.create(ANNA, "Anna")));
        doThrow(new ConcurrentChangeException("user 1001", null)).when(users).save(any());

        assertThrows(ConcurrentChangeException.class, () -> execution.execute(ANNA,
                new ActivateForwarding(ForwardingKind.BUSY, PhoneNumber.of("0701234567")), PHONE));
        verify(users, times(UnitOfWork.ATTEMPTS)).save(any());
        verify(events, never()).publish(any(), any());
    }

    @Test
    void loggingInTwiceIsDoneAndWritesNothing() {
        when(company.zone()).thenReturn(ZoneId.of("Europe/Stockholm"));
        Queue annaLoggedIn = ((Decision.Accepted<Queue>) Queue.create(5, "Växel", Set.of(ANNA)).logIn(ANNA, NOW)).after();
        when(users.findForChange(ANNA)).thenReturn(Optional.of(User.create(ANNA, "Anna")));
        when(queues.find(5)).thenReturn(Optional.of(annaLoggedIn));

        Outcome outcome = execution.execute(ANNA, new QueueLogIn(5), PHONE);

        assertInstanceOf(Outcome.Done.class, outcome);
        verify(queues, never()).save(any());
        verify(audit, never()).record(any());
        verify(events, never()).publish(any(), any());
    }
}
