package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.util.List;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import se.plus.application.port.out.Meters;

/** A request turned away with 503 under overload is counted for the operators' dashboards. */
class SipContextTest {

    private final SipProvider provider = mock(SipProvider.class);
    private final Meters meters = mock(Meters.class);

    @Test
    void aRequestShedWith503IsCountedByItsMethod() throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        MessageFactory messages = factory.createMessageFactory();
        HeaderFactory headers = factory.createHeaderFactory();
        AddressFactory addresses = factory.createAddressFactory();
        var sip = new SipContext(provider, messages, headers, addresses, "plus.local", Clock.systemUTC(),
                () -> 0, 100, () -> 0, 100, meters);
        var uri = addresses.createSipURI("1002", "plus.local");
        Request invite = messages.createRequest(uri, Request.INVITE, headers.createCallIdHeader("shed-1"),
                headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(addresses.createAddress(addresses.createSipURI("1001", "plus.local")), "from-tag"),
                headers.createToHeader(addresses.createAddress(uri), null),
                List.of(headers.createViaHeader("127.0.0.1", 5062, "udp", "z9hG4bK-shed")), headers.createMaxForwardsHeader(70));

        sip.sendBusy(invite);

        var sent = ArgumentCaptor.forClass(Response.class);
        verify(provider).sendResponse(sent.capture());
        assertEquals(Response.SERVICE_UNAVAILABLE, sent.getValue().getStatusCode());
        verify(meters).requestShed(Request.INVITE);
    }
}
