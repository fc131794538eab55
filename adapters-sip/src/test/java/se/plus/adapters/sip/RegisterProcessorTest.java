package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.header.ContactHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.Meters;
import se.plus.application.port.in.FindSipCredentialsUseCase;
import se.plus.application.port.in.FindSipCredentialsUseCase.SipCredentials;
import se.plus.domain.number.Extension;

/** The registrar's rules (RFC 3261 §10.3) with real JAIN-SIP messages and a mocked credentials port. */
class RegisterProcessorTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String REALM = "plus.local";

    private final FindSipCredentialsUseCase credentials = mock(FindSipCredentialsUseCase.class);
    private final SipProvider provider = mock(SipProvider.class);
    private final Locations locations = new se.plus.infrastructure.location.CachedLocations(new java.util.concurrent.ConcurrentHashMap<>());
    private SipWorkers workers;
    private MessageFactory messages;
    private DigestAuthenticator authenticator;
    private RegisterProcessor registrar;
    private SipContext sip;
    private int cseq = 1;

    @BeforeEach
    void setUp() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        messages = factory.createMessageFactory();
        sip = new SipContext(provider, messages, factory.createHeaderFactory(), factory.createAddressFactory(), REALM,
                Clock.fixed(NOW, ZoneOffset.UTC), () -> 0, 100, () -> 0, 100, mock(Meters.class));
        workers = new SipWorkers(Thread::new, 2, 16);
        authenticator = new DigestAuthenticator(REALM, new NonceService(new se.plus.infrastructure.security.CachedUsedNonces(new java.util.concurrent.ConcurrentHashMap<>()), Duration.ofMinutes(5), 100),
                new FailureTracker(new se.plus.infrastructure.security.CachedAuthenticationFailures(new java.util.concurrent.ConcurrentHashMap<>()), 10, Duration.ofMinutes(1), Duration.ofMinutes(5)), credentials::find);
        registrar = new RegisterProcessor(new DigestGate(authenticator,
                new DigestChallenges(authenticator, List.of(DigestAlgorithm.MD5)), workers), locations, new DeviceDialects(null, null));
        when(credentials.find(any())).thenReturn(Optional.empty());
        when(credentials.find(Extension.of("1001"))).thenReturn(Optional.of(new SipCredentials(Extension.of("1001"), REALM,
                DigestAlgorithm.MD5.hash("1001:" + REALM + ":secret"), DigestAlgorithm.SHA_256.hash("1001:" + REALM + ":secret"))));
    }

    @AfterEach
    void tearDown() {
        workers.close();
    }

    private Response register(String aor, String contactAndExpires) throws Exception {
        String nonce = authenticator.newNonce(NOW);
        String uri = "sip:plus.local";
        String ha1 = DigestAlgorithm.MD5.hash("1001:" + REALM + ":secret");
        String response = DigestAlgorithm.MD5.hash(ha1 + ":" + nonce + ":00000001:c1:auth:" + DigestAlgorithm.MD5.hash("REGISTER:" + uri));
        Request request = messages.createRequest("REGISTER " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK" + cseq + "x" + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + aor + "@plus.local>;tag=abc\r\n"
                + "To: <sip:" + aor + "@plus.local>\r\n"
                + "Call-ID: desk-phone\r\n"
                + "CSeq: " + cseq++ + " REGISTER\r\n"
                + contactAndExpires
                + "Authorization: Digest username=\"1001\",realm=\"plus.local\",nonce=\"" + nonce + "\",uri=\"" + uri
                + "\",response=\"" + response + "\",algorithm=MD5,qop=auth,nc=00000001,cnonce=\"c1\"\r\n"
                + "Content-Length: 0\r\n\r\n");
        ServerTransaction transaction = mock(ServerTransaction.class);
        when(transaction.getRequest()).thenReturn(request);
        when(provider.getNewServerTransaction(request)).thenReturn(transaction);

        registrar.process(new RequestEvent(provider, null, null, request), sip);

        var sent = ArgumentCaptor.forClass(Response.class);
        verify(transaction, timeout(2000)).sendResponse(sent.capture());
        return sent.getValue();
    }

    @Test
    void aPhoneRegistersAndThe200ListsItsBindingWithItsExpiry() throws Exception {
        Response ok = register("1001", "Contact: <sip:1001@10.0.0.5:5060>\r\nExpires: 600\r\n");

        assertEquals(200, ok.getStatusCode());
        assertEquals(600, ((ContactHeader) ok.getHeader(ContactHeader.NAME)).getExpires());
        assertEquals("sip:1001@10.0.0.5:5060", locations.bindingsOf(Extension.of("1001"), NOW).get(0).contact());
    }

    @Test
    void anExpiryAboveTheMaximumIsShortenedAndOneTooShortGets423WithMinExpires() throws Exception {
        Response capped = register("1001", "Contact: <sip:1001@10.0.0.5:5060>;expires=86400\r\n");
        Response tooBrief = register("1001", "Contact: <sip:1001@10.0.0.6:5060>;expires=10\r\n");

        assertEquals(RegisterProcessor.MAX_EXPIRES, ((ContactHeader) capped.getHeader(ContactHeader.NAME)).getExpires());
        assertEquals(423, tooBrief.getStatusCode());
        assertEquals(RegisterProcessor.MIN_EXPIRES, ((MinExpiresHeader) tooBrief.getHeader(MinExpiresHeader.NAME)).getExpires());
    }

    @Test
    void aStarRemovesEveryBindingButOnlyWithExpiresZero() throws Exception {
        register("1001", "Contact: <sip:1001@10.0.0.5:5060>\r\n");

        Response badStar = register("1001", "Contact: *\r\nExpires: 60\r\n");
        Response star = register("1001", "Contact: *\r\nExpires: 0\r\n");

        assertEquals(400, badStar.getStatusCode());
        assertEquals(200, star.getStatusCode());
        assertEquals(List.of(), locations.bindingsOf(Extension.of("1001"), NOW));
    }

    @Test
    void aUserMayNotRegisterSomeoneElsesExtension() throws Exception {
        Response response = register("1002", "Contact: <sip:1002@10.0.0.5:5060>\r\n");

        assertEquals(403, response.getStatusCode());
        assertTrue(locations.bindingsOf(Extension.of("1002"), NOW).isEmpty());
    }

    @Test
    void aRegisterWithoutContactIsAQueryOfTheCurrentBindings() throws Exception {
        register("1001", "Contact: <sip:1001@10.0.0.5:5060>\r\n");

        Response query = register("1001", "");

        assertEquals(200, query.getStatusCode());
        assertEquals(RegisterProcessor.DEFAULT_EXPIRES, ((ContactHeader) query.getHeader(ContactHeader.NAME)).getExpires());
    }
}
