package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.TransactionUnavailableException;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import se.plus.application.port.out.MailboxChanges;
import se.plus.application.port.out.Meters;
import se.plus.application.port.out.VoicemailBox.MailboxSummary;
import se.plus.domain.number.Extension;
import se.plus.infrastructure.voicemail.CachedMailboxChanges;
import se.plus.adapters.sip.MessageWaitingSubscriptions.Subscription;

/** A phone's message-waiting lamp follows its mailbox, also when a NOTIFY could not leave the first time. */
class MessageWaitingSubscriptionsTest {

    private static final Extension BERTIL = Extension.of("1002");

    private final SipProvider provider = mock(SipProvider.class);
    private final List<Request> sent = new ArrayList<>();
    private final MailboxChanges changes = new CachedMailboxChanges(new ConcurrentHashMap<>());
    private MailboxSummary now = new MailboxSummary(1, 0);
    private final Executor inline = Runnable::run;

    @Test
    void bertilsLampTurnsOnAtTheNextRoundWhenTheNotifyOfTheNewMessageCouldNotBeSent() throws Exception {
        var subscriptions = subscriptions();
        Subscription desk = deskPhoneOf(BERTIL);
        assertTrue(subscriptions.add(desk));
        ClientTransaction transaction = mock(ClientTransaction.class);
        when(provider.getNewClientTransaction(any())).thenThrow(new TransactionUnavailableException("no room"))
                .thenAnswer(call -> {
                    sent.add(call.getArgument(0));
                    return transaction;
                });

        subscriptions.changed(BERTIL, now, changes.mark(BERTIL));
        assertEquals(0, sent.size());
        subscriptions.catchUp();

        assertEquals(1, sent.size(), "told at the next round");
        assertTrue(new String(sent.get(0).getRawContent()).contains("Messages-Waiting: yes"));
        subscriptions.catchUp();
        assertEquals(1, sent.size(), "and once only");
    }

    @Test
    void aNotifySentOnceIsNotRepeatedByTheRounds() throws Exception {
        var subscriptions = subscriptions();
        assertTrue(subscriptions.add(deskPhoneOf(BERTIL)));
        when(provider.getNewClientTransaction(any())).thenAnswer(call -> {
            sent.add(call.getArgument(0));
            return mock(ClientTransaction.class);
        });

        subscriptions.changed(BERTIL, now, changes.mark(BERTIL));
        subscriptions.catchUp();

        assertEquals(1, sent.size());
    }

    private MessageWaitingSubscriptions subscriptions() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        MessageFactory messages = factory.createMessageFactory();
        HeaderFactory headers = factory.createHeaderFactory();
        AddressFactory addresses = factory.createAddressFactory();
        ListeningPoint udp = mock(ListeningPoint.class);
        when(udp.getIPAddress()).thenReturn("127.0.0.1");
        when(udp.getPort()).thenReturn(5060);
        when(udp.getTransport()).thenReturn("UDP");
        when(provider.getListeningPoint(any())).thenReturn(udp);
        var sip = new SipContext(provider, messages, headers, addresses, "plus.local", Clock.systemUTC(),
                () -> 0, 100, () -> 0, 100, mock(Meters.class));
        return new MessageWaitingSubscriptions(sip, inline, 10, 2, changes, mailbox -> now);
    }

    private Subscription deskPhoneOf(Extension mailbox) throws Exception {
        AddressFactory addresses = SipFactory.getInstance().createAddressFactory();
        var phone = addresses.createAddress(addresses.createSipURI(mailbox.digits(), "plus.local"));
        return new Subscription(mailbox, "sub-1", phone, "phone-tag", phone, "our-tag",
                addresses.createSipURI(mailbox.digits(), "127.0.0.1:5070"), "UDP", Instant.now().plusSeconds(600));
    }
}
