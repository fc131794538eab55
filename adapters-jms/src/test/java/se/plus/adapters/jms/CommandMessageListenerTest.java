package se.plus.adapters.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;

@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class CommandMessageListenerTest {

    @Mock
    CommandTranslator translator;
    @Mock
    ReplySender replies;

    private final Queue replyTo = mock(Queue.class);
    private CommandMessageListener listener;

    @BeforeEach
    void wire() {
        listener = new CommandMessageListener();
        listener.translator = translator;
        listener.replies = replies;
        listener.maxDeliveryAttempts = 5;
    }

    private TextMessage delivery(int attempt) throws Exception {
        TextMessage message = mock(TextMessage.class);
        when(message.getText()).thenReturn("{}");
        when(message.getJMSMessageID()).thenReturn("ID:1");
        when(message.getJMSCorrelationID()).thenReturn("c-1");
        when(message.getJMSReplyTo()).thenReturn(replyTo);
        when(message.propertyExists("JMSXDeliveryCount")).thenReturn(true);
        when(message.getIntProperty("JMSXDeliveryCount")).thenReturn(attempt);
        when(message.getStringProperty("JMSXUserID")).thenReturn("crm");
        return message;
    }

    @Test
    void theReplyIsSentAfterTheCommandCommittedCorrelatedToTheRequest() throws Exception {
        Reply done = new Reply("{\"outcome\":\"DONE\"}", "DONE", false);
        when(translator.handle("{}", "ID:1", Optional.of("crm"))).thenReturn(done);

        listener.onMessage(delivery(1));

        var sent = ArgumentCaptor.forClass(Delivery.class);
        verify(replies).answer(sent.capture(), any());
        assertEquals("c-1", sent.getValue().correlationId());
        verify(replies, never()).deadLetter(any(), any());
    }

    @Test
    void badInputIsAnsweredAndDeadLetteredAndTheMessageAcknowledged() throws Exception {
        Reply invalid = ReplyJson.invalid("not JSON");
        when(translator.handle(anyString(), anyString(), any())).thenReturn(invalid);

        listener.onMessage(delivery(1));

        verify(replies).deadLetter(any(), any());
        verify(replies).answer(any(), any());
    }

    @Test
    void aTechnicalFailureIsThrownForRedeliveryWithoutAReplyBeforeTheLastAttempt() throws Exception {
        when(translator.handle(anyString(), anyString(), any())).thenThrow(new IllegalStateException("database down"));
        TextMessage fourth = delivery(4);

        assertThrows(IllegalStateException.class, () -> listener.onMessage(fourth));
        verify(replies, never()).answer(any(), any());
    }

    @Test
    void atTheLastAttemptTheClientIsToldWhileTheMessageGoesToTheDeadLetterQueue() throws Exception {
        when(translator.handle(anyString(), anyString(), any())).thenThrow(new IllegalStateException("database down"));
        TextMessage fifth = delivery(5);

        assertThrows(IllegalStateException.class, () -> listener.onMessage(fifth));
        var reply = ArgumentCaptor.forClass(Reply.class);
        verify(replies).answer(any(), reply.capture());
        assertEquals("ERROR", reply.getValue().outcome());
        assertEquals(true, reply.getValue().json().contains("TECHNICAL"));
    }
}
