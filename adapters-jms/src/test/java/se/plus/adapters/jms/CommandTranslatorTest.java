package se.plus.adapters.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import se.plus.application.port.in.ActivateProfileUseCase;
import se.plus.application.port.in.Actor;
import se.plus.application.port.in.AdmitMessageUseCase;
import se.plus.application.port.in.AdmitMessageUseCase.Admitted;
import se.plus.application.port.in.AdmitMessageUseCase.AlreadyProcessed;
import se.plus.application.port.out.ProcessedMessages.StoredReply;
import se.plus.application.port.in.AdmitMessageUseCase.UnknownExtension;
import se.plus.application.port.in.ChangeForwardingUseCase;
import se.plus.application.port.in.DialRequest;
import se.plus.application.port.in.EntryPoint;
import se.plus.application.port.in.ExecuteDialStringUseCase;
import se.plus.application.port.in.ExecuteServiceCommandUseCase;
import se.plus.application.port.in.QueueLoginUseCase;
import se.plus.application.port.in.ReadServicesUseCase;
import se.plus.application.port.in.ReadServicesUseCase.Services;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.outcome.Message;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.user.User;

@ExtendWith(MockitoExtension.class)
class CommandTranslatorTest {

    private static final Extension ANNA = Extension.of("1001");
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String DIAL = "{\"extension\":\"1001\",\"digits\":\"*43#\",\"device\":\"MOBILE\"}";

    @Mock
    Integrators integrators;
    @Mock
    AdmitMessageUseCase admission;
    @Mock
    ExecuteDialStringUseCase dial;
    @Mock
    ExecuteServiceCommandUseCase serviceCommands;
    @Mock
    ChangeForwardingUseCase forwarding;
    @Mock
    ActivateProfileUseCase profiles;
    @Mock
    QueueLoginUseCase queues;
    @Mock
    ReadServicesUseCase services;

    private CommandTranslator translator;

    @BeforeEach
    void wire() {
        translator = new CommandTranslator();
        translator.integrators = integrators;
        translator.admission = admission;
        translator.dial = dial;
        translator.serviceCommands = serviceCommands;
        translator.forwarding = forwarding;
        translator.profiles = profiles;
        translator.queues = queues;
        translator.services = services;
    }

    private static JsonObject json(Reply reply) {
        return Json.createReader(new StringReader(reply.json())).readObject();
    }

    private void allowed() {
        when(integrators.mayActFor(Optional.of("crm"), ANNA)).thenReturn(true);
    }

    @Test
    void aNewCommandRunsTheUseCaseAsTheJmsUserAndAnswersDoneWithTheStateAfterIt() {
        allowed();
        when(admission.admit("ID:1", ANNA)).thenReturn(new Admitted(NOW));
        User anna = User.create(ANNA, "Anna");
        when(dial.execute(any())).thenReturn(new Outcome.Done("CALL_WAITING", "ACTIVATE", anna, Optional.empty(), List.of(),
                new Message("Klart", "Done")));
        when(services.read(ANNA)).thenReturn(new Services(anna, List.of(), NOW));

        Reply reply = translator.handle(DIAL, "ID:1", Optional.of("crm"));

        var request = ArgumentCaptor.forClass(DialRequest.class);
        verify(dial).execute(request.capture());
        assertEquals(new Actor("crm", EntryPoint.JMS), request.getValue().actor());
        assertEquals(Dialect.MOBILE, request.getValue().dialect());
        assertEquals("DONE", reply.outcome());
        verify(admission).answered("ID:1", new StoredReply("DONE", reply.json()));
        assertFalse(reply.deadLetter());
        JsonObject body = json(reply);
        assertEquals("CALL_WAITING", body.getString("service"));
        assertEquals("Done", body.getString("message"));
        assertEquals("Klart", body.getString("messageSv"));
        assertEquals("1001", body.getJsonObject("state").getString("extension"));
    }

    @Test
    void aMessageProcessedBeforeIsNotRunAgainAndTheReplySaysWhenAndCarriesTheFirstReply() {
        allowed();
        Instant first = NOW.minusSeconds(60);
        when(admission.admit("ID:1", ANNA)).thenReturn(new AlreadyProcessed(first,
                Optional.of(new StoredReply("DONE", "{\"outcome\":\"DONE\",\"service\":\"CALL_WAITING\"}"))));
        when(services.read(ANNA)).thenReturn(new Services(User.create(ANNA, "Anna"), List.of(), NOW));

        Reply reply = translator.handle(DIAL, "ID:1", Optional.of("crm"));

        verifyNoInteractions(dial);
        assertEquals("ALREADY_PROCESSED", reply.outcome());
        assertEquals(first.toString(), json(reply).getString("processedAt"));
        assertEquals("ID:1", json(reply).getString("messageId"));
        assertEquals("CALL_WAITING", json(reply).getJsonObject("reply").getString("service"));
    }

    @Test
    void anExtensionWithoutAUserIsAnErrorReplyNotAnException() {
        allowed();
        when(admission.admit("ID:1", ANNA)).thenReturn(new UnknownExtension(ANNA));

        Reply reply = translator.handle(DIAL, "ID:1", Optional.of("crm"));

        verifyNoInteractions(dial);
        assertEquals("NOT_FOUND", json(reply).getString("code"));
        assertFalse(reply.deadLetter(), "a well-formed command for nobody is answered, not kept");
    }

    @Test
    void anExtensionTheIntegratorMayNotActForIsRefusedBeforeAnythingIsLookedUp() {
        when(integrators.mayActFor(Optional.of("crm"), ANNA)).thenReturn(false);

        Reply reply = translator.handle(DIAL, "ID:1", Optional.of("crm"));

        verifyNoInteractions(admission, dial);
        assertEquals("FORBIDDEN", json(reply).getString("code"));
    }

    @Test
    void aMalformedMessageIsAnsweredAndDeadLetteredWithoutTouchingTheApplication() {
        Reply reply = translator.handle("{\"extension\":", "ID:1", Optional.of("crm"));

        verifyNoInteractions(integrators, admission, dial);
        assertEquals("ERROR", reply.outcome());
        assertEquals("VALIDATION", json(reply).getString("code"));
        assertTrue(reply.deadLetter());
    }

    @Test
    void aRefusalIsAnsweredWithItsCodeAndMessagesAndNoState() {
        allowed();
        when(admission.admit("ID:1", ANNA)).thenReturn(new Admitted(NOW));
        when(dial.execute(any())).thenReturn(new Outcome.Refused(OutcomeCode.SERVICE_NOT_ACTIVE, "not a member"));

        Reply reply = translator.handle(DIAL, "ID:1", Optional.of("crm"));

        verify(services, never()).read(any());
        assertEquals("REFUSED", reply.outcome());
        JsonObject body = json(reply);
        assertEquals("SERVICE_NOT_ACTIVE", body.getString("code"));
        assertEquals("not a member", body.getString("detail"));
        assertEquals("Tjänsten är inte aktiv", body.getString("messageSv"));
    }

    @Test
    void aMessageThatNamesNoUserActsAsJms() {
        when(integrators.mayActFor(Optional.empty(), ANNA)).thenReturn(true);
        when(admission.admit("ID:1", ANNA)).thenReturn(new Admitted(NOW));
        when(dial.execute(any())).thenReturn(new Outcome.Refused(OutcomeCode.INVALID_CODE, "no"));

        translator.handle(DIAL, "ID:1", Optional.empty());

        var request = ArgumentCaptor.forClass(DialRequest.class);
        verify(dial).execute(request.capture());
        assertEquals("jms", request.getValue().actor().name());
    }

    @Test
    void aMessageWithoutAMessageIdCannotBeMadeIdempotentAndIsRefused() {
        Reply reply = translator.handle(DIAL, null, Optional.of("crm"));

        verifyNoInteractions(admission, dial);
        assertEquals("VALIDATION", json(reply).getString("code"));
    }
}
