package se.plus.application.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.LeaveVoicemailUseCase.Deposit;
import se.plus.application.port.in.NoSuchUserException;
import se.plus.application.port.out.MessageWaiting;
import se.plus.application.port.out.ServiceEvents;
import se.plus.application.port.out.Users;
import se.plus.application.port.out.VoicemailBox;
import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.application.port.out.VoicemailBox.Message;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.event.DomainEvent;
import se.plus.domain.event.VoicemailLeft;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.User;

@ExtendWith(MockitoExtension.class)
class VoicemailServicesTest {

    private static final Extension BERTIL = Extension.of("1002");
    private static final Instant LUNCH = Instant.parse("2026-11-24T11:15:00Z");
    private static final byte[] WAV = {'R', 'I', 'F', 'F'};

    @Mock
    Users users;
    @Mock
    VoicemailBox box;
    @Mock
    ServiceEvents events;
    @Mock
    MessageWaiting messageWaiting;

    private LeaveVoicemailService leave() {
        return new LeaveVoicemailService(users, box, events, messageWaiting, new UnitOfWork());
    }

    private ReadVoicemailService read() {
        return new ReadVoicemailService(users, box, messageWaiting, new UnitOfWork());
    }

    @Test
    void a_message_left_while_Bertil_is_at_lunch_is_stored_announced_and_lights_his_phones() {
        when(users.find(BERTIL)).thenReturn(Optional.of(User.create(BERTIL, "Bertil")));
        when(box.summary(BERTIL)).thenReturn(new MailboxSummary(1, 0));

        String id = leave().leave(new Deposit(BERTIL, Optional.of(PhoneNumber.of("0701234567")), LUNCH, 7, WAV))
                .orElseThrow();

        var stored = ArgumentCaptor.forClass(Message.class);
        var event = ArgumentCaptor.forClass(DomainEvent.class);
        var order = inOrder(box, events, messageWaiting);
        order.verify(box).store(stored.capture(), eq(WAV));
        order.verify(events).publish(event.capture(), eq(EntryPoint.SIP));
        order.verify(messageWaiting).changed(BERTIL, new MailboxSummary(1, 0));
        assertEquals(new Message(id, BERTIL, Optional.of(PhoneNumber.of("+46701234567")), LUNCH, 7, false),
                stored.getValue());
        assertEquals(new VoicemailLeft(BERTIL, LUNCH, id, Optional.of(PhoneNumber.of("+46701234567")), 7),
                event.getValue());
    }

    @Test
    void a_message_for_a_user_removed_during_the_call_is_dropped() {
        when(users.find(BERTIL)).thenReturn(Optional.empty());

        assertTrue(leave().leave(new Deposit(BERTIL, Optional.empty(), LUNCH, 3, WAV)).isEmpty());

        verify(box, never()).store(any(), any());
        verifyNoInteractions(events, messageWaiting);
    }

    @Test
    void listening_to_a_new_message_marks_it_heard_and_turns_the_lamp_off() {
        when(box.find(BERTIL, "m1")).thenReturn(Optional.of(new Message("m1", BERTIL, Optional.empty(), LUNCH, 7, false)));
        when(box.audio(BERTIL, "m1")).thenReturn(Optional.of(WAV));
        when(box.markHeard(BERTIL, "m1")).thenReturn(true);
        when(box.summary(BERTIL)).thenReturn(new MailboxSummary(0, 1));

        assertEquals(WAV, read().listen(BERTIL, "m1").orElseThrow());

        verify(messageWaiting).changed(BERTIL, new MailboxSummary(0, 1));
    }

    @Test
    void listening_again_changes_nothing_the_phones_show() {
        when(box.find(BERTIL, "m1")).thenReturn(Optional.of(new Message("m1", BERTIL, Optional.empty(), LUNCH, 7, true)));
        when(box.audio(BERTIL, "m1")).thenReturn(Optional.of(WAV));

        assertTrue(read().listen(BERTIL, "m1").isPresent());

        verify(box, never()).markHeard(any(), any());
        verifyNoInteractions(messageWaiting);
    }

    @Test
    void another_mailboxs_message_is_not_found_and_tells_nobody() {
        when(box.find(BERTIL, "someone-elses")).thenReturn(Optional.empty());
        when(box.delete(BERTIL, "someone-elses")).thenReturn(false);

        assertTrue(read().listen(BERTIL, "someone-elses").isEmpty());
        assertFalse(read().delete(BERTIL, "someone-elses"));

        verifyNoInteractions(messageWaiting);
    }

    @Test
    void deleting_a_message_updates_the_phones() {
        when(box.delete(BERTIL, "m1")).thenReturn(true);
        when(box.summary(BERTIL)).thenReturn(MailboxSummary.EMPTY);

        assertTrue(read().delete(BERTIL, "m1"));

        verify(messageWaiting).changed(BERTIL, MailboxSummary.EMPTY);
    }

    @Test
    void the_mailbox_of_nobody_is_not_found() {
        when(users.find(BERTIL)).thenReturn(Optional.empty());

        assertThrows(NoSuchUserException.class, () -> read().list(BERTIL));
    }
}
