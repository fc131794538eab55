package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import se.plus.application.port.in.ControlCallUseCase;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.in.RouteCallUseCase.Busy;
import se.plus.application.port.out.Meters;
import se.plus.application.port.in.RouteCallUseCase.FromUser;
import se.plus.application.port.in.RouteCallUseCase.NotReached;
import se.plus.application.port.in.RouteCallUseCase.RingUser;
import se.plus.application.port.out.Binding;
import se.plus.domain.call.CallParty;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.routing.CalledNumber;
import se.plus.domain.user.User;
import se.plus.infrastructure.calls.InMemoryLiveCalls;

/**
 * {@code plus.media.anchor=false}: the B2BUA passes every SDP end to end, unchanged, so the phones send
 * media to each other. The stack is mocked (JAIN-SIP's interfaces, real messages); there is no media
 * relay at all, so a call that reached for one would fail. The integration tests run one server, with
 * anchoring on: a second WildFly only for this setting would cost CI a boot and a deployment.
 */
class B2buaWithoutAnchoringTest {

    private static final String ANNAS_OFFER = sdp("10.1.1.1", 4000, "sendrecv");
    private static final String BERITS_ANSWER = sdp("10.2.2.2", 6000, "sendrecv");
    private static final String BERITS_HOLD = sdp("10.2.2.2", 6000, "sendonly");

    private final SipProvider provider = mock(SipProvider.class);
    private final ServerTransaction annasInvite = mock(ServerTransaction.class);
    private final Dialog annasDialog = mock(Dialog.class);
    private final ClientTransaction beritsInvite = mock(ClientTransaction.class);
    private final Dialog beritsDialog = mock(Dialog.class);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private MessageFactory messages;
    private HeaderFactory headers;
    private B2bua b2bua;

    @BeforeEach
    void setUp() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        messages = factory.createMessageFactory();
        headers = factory.createHeaderFactory();
        var sip = new SipContext(provider, messages, headers, factory.createAddressFactory(), "plus.local",
                Clock.systemUTC(), () -> 0, 100, () -> 0, 100, mock(Meters.class));
        ListeningPoint udp = mock(ListeningPoint.class);
        when(udp.getIPAddress()).thenReturn("127.0.0.1");
        when(udp.getPort()).thenReturn(5060);
        when(udp.getTransport()).thenReturn("UDP");
        when(provider.getListeningPoint(any())).thenReturn(udp);
        when(provider.getNewCallId()).thenReturn(headers.createCallIdHeader("leg-call-id"));
        when(provider.getNewDialog(any(ServerTransaction.class))).thenReturn(annasDialog);
        when(provider.getNewDialog(any(ClientTransaction.class))).thenReturn(beritsDialog);
        when(provider.getNewClientTransaction(any())).thenReturn(beritsInvite);

        RouteCallUseCase routes = mock(RouteCallUseCase.class);
        when(routes.route(any())).thenAnswer(invocation -> ringBerit());
        var settings = new CallSettings(false, Optional.empty(), Optional.empty(), Set.of(), Duration.ofSeconds(120),
                Duration.ofSeconds(60), Duration.ofHours(12));
        b2bua = new B2bua(sip, routes, record -> { }, new InMemoryLiveCalls(), null, null, null, settings, Runnable::run, timers,
                mock(ControlCallUseCase.class), new DeviceDialects(null, null), null,
                new PickupHandover(sip, mock(se.plus.application.port.out.ClusterPeers.class), timers),
                new ClusterMembership(sip, mock(se.plus.application.port.out.ClusterPeers.class), "127.0.0.1:5060"));
    }

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
    }

    @Test
    void theCallersOfferReachesTheCalleeAndTheCalleesAnswerAndLaterOffersReachTheCallerUnchanged() throws Exception {
        Request invite = messages.createRequest("INVITE sip:1002@plus.local SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.1.1.1:5062;branch=z9hG4bK-anna-1\r\n"
                + "From: <sip:1001@plus.local>;tag=anna\r\n"
                + "To: <sip:1002@plus.local>\r\n"
                + "Call-ID: annas-call\r\n"
                + "CSeq: 2 INVITE\r\n"
                + "Contact: <sip:1001@10.1.1.1:5062>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + ANNAS_OFFER.length() + "\r\n\r\n" + ANNAS_OFFER);
        when(annasInvite.getRequest()).thenReturn(invite);

        b2bua.place(annasInvite, new FromUser(Extension.of("1001")), "1002", Dialect.TERMINAL);

        ArgumentCaptor<Request> toBerit = ArgumentCaptor.forClass(Request.class);
        verify(provider).getNewClientTransaction(toBerit.capture());
        assertEquals(ANNAS_OFFER, body(toBerit.getValue()), "Berit's phone is offered Anna's own address");

        ArgumentCaptor<Object> legData = ArgumentCaptor.forClass(Object.class);
        verify(beritsInvite).setApplicationData(legData.capture());
        when(beritsInvite.getApplicationData()).thenReturn(legData.getValue());
        when(beritsDialog.getApplicationData()).thenReturn(legData.getValue());
        Response ok = messages.createResponse(Response.OK, toBerit.getValue());
        ((ToHeader) ok.getHeader(ToHeader.NAME)).setTag("berit");
        ok.setContent(BERITS_ANSWER, sdpType());
        b2bua.response(new ResponseEvent(provider, beritsInvite, beritsDialog, ok));

        ArgumentCaptor<Response> toAnna = ArgumentCaptor.forClass(Response.class);
        verify(annasInvite, atLeastOnce()).sendResponse(toAnna.capture());
        Response answered = toAnna.getAllValues().get(toAnna.getAllValues().size() - 1);
        assertEquals(Response.OK, answered.getStatusCode());
        assertEquals(BERITS_ANSWER, body(answered), "Anna's phone gets Berit's own address");

        // Berit holds: her re-INVITE's offer goes to Anna as it is.
        Request reInvite = messages.createRequest("INVITE sip:plus@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.2.2.2:5064;branch=z9hG4bK-berit-2\r\n"
                + "From: <sip:1002@plus.local>;tag=berit\r\n"
                + "To: <sip:1001@plus.local>;tag=server\r\n"
                + "Call-ID: leg-call-id\r\n"
                + "CSeq: 2 INVITE\r\n"
                + "Contact: <sip:1002@10.2.2.2:5064>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + BERITS_HOLD.length() + "\r\n\r\n" + BERITS_HOLD);
        Request towardsAnna = messages.createRequest("INVITE sip:1001@10.1.1.1:5062 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-server-3\r\n"
                + "From: <sip:1002@plus.local>;tag=server\r\n"
                + "To: <sip:1001@plus.local>;tag=anna\r\n"
                + "Call-ID: annas-call\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        when(annasDialog.createRequest(Request.INVITE)).thenReturn(towardsAnna);
        ServerTransaction beritsReInvite = mock(ServerTransaction.class);
        when(beritsReInvite.getRequest()).thenReturn(reInvite);
        b2bua.inDialog(new RequestEvent(provider, beritsReInvite, beritsDialog, reInvite), beritsReInvite);

        verify(annasDialog).sendRequest(any());
        assertEquals(BERITS_HOLD, body(towardsAnna), "the hold offer reaches Anna unchanged");
    }

    private static RingUser ringBerit() {
        var berit = new Binding("sip:1002@10.2.2.2:5064", Instant.now().plusSeconds(300), "reg", 1, 1.0f, Dialect.TERMINAL,
                "phone", "10.2.2.2");
        var anna = new CallParty(Optional.of(Extension.of("1001")), Optional.empty(), "Anna", false);
        return new RingUser(User.create(Extension.of("1002"), "Berit"), CalledNumber.EXTENSION, List.of(berit), anna,
                false, List.of(), Optional.empty(), new NotReached(Optional.empty(), List.of()), new Busy(List.of()), List.of());
    }

    private ContentTypeHeader sdpType() throws Exception {
        return headers.createContentTypeHeader("application", "sdp");
    }

    private static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    private static String sdp(String address, int port, String direction) {
        return "v=0\r\no=phone 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address + "\r\nt=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=" + direction + "\r\n";
    }
}
