package se.plus.application.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.AdmitMessageUseCase.Admitted;
import se.plus.application.port.in.AdmitMessageUseCase.AlreadyProcessed;
import se.plus.application.port.in.AdmitMessageUseCase.UnknownExtension;
import se.plus.application.port.out.ProcessedMessages;
import se.plus.application.port.out.ProcessedMessages.Processed;
import se.plus.application.port.out.ProcessedMessages.StoredReply;
import se.plus.application.port.out.Users;
import se.plus.application.service.UnitOfWork;
import se.plus.domain.number.Extension;
import se.plus.domain.user.User;

@ExtendWith(MockitoExtension.class)
class AdmitMessageServiceTest {

    private static final Extension ANNA = Extension.of("1001");
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Mock
    Users users;
    @Mock
    ProcessedMessages processed;

    private AdmitMessageService service() {
        return new AdmitMessageService(users, processed, Clock.fixed(NOW, ZoneOffset.UTC), new UnitOfWork());
    }

    @Test
    void aNewMessageForAUserIsMarkedProcessedNow() {
        when(users.find(ANNA)).thenReturn(Optional.of(User.create(ANNA, "Anna")));
        when(processed.find("ID:1")).thenReturn(Optional.empty());

        assertEquals(new Admitted(NOW), service().admit("ID:1", ANNA));
        verify(processed).record("ID:1", NOW);
    }

    @Test
    void aMessageDeliveredAgainIsAnsweredWithTheFirstTimeAndTheStoredReplyAndNotMarkedAgain() {
        Instant first = NOW.minusSeconds(30);
        var reply = new StoredReply("DONE", "{\"outcome\":\"DONE\"}");
        when(users.find(ANNA)).thenReturn(Optional.of(User.create(ANNA, "Anna")));
        when(processed.find("ID:1")).thenReturn(Optional.of(new Processed(first, Optional.of(reply))));

        assertEquals(new AlreadyProcessed(first, Optional.of(reply)), service().admit("ID:1", ANNA));
        verify(processed, never()).record(anyString(), any());
    }

    @Test
    void aMessageForAnExtensionWithoutAUserIsNotMarkedSoItCanBeSentAgainOnceTheUserExists() {
        when(users.find(ANNA)).thenReturn(Optional.empty());

        assertEquals(new UnknownExtension(ANNA), service().admit("ID:1", ANNA));
        verify(processed, never()).record(anyString(), any());
    }
}
