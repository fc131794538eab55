package se.plus.it.call;

import gov.nist.javax.sip.stack.HopImpl;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.Router;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * Sends every request over the phone's one transport unless the URI names another. The RI's default
 * router takes UDP for a URI without ";transport=", which a TCP-only phone cannot send, and the test
 * phone dials plain URIs such as {@code sip:1002@127.0.0.1:5070} whatever its transport.
 * JAIN-SIP builds it by reflection (javax.sip.ROUTER_PATH), hence public and this constructor.
 */
public final class PhoneRouter implements Router {

    private final SipStack stack;

    public PhoneRouter(SipStack stack, String outboundProxy) {
        this.stack = stack;
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        // RFC 3261 §8.1.2: the first Route if there is one (loose routing), else the Request-URI.
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI destination = route != null ? route.getAddress().getURI() : request.getRequestURI();
        if (!(destination instanceof SipURI sip)) {
            throw new SipException("a test phone routes SIP URIs only: " + destination);
        }
        String transport = sip.getTransportParam() != null ? sip.getTransportParam() : ownTransport();
        int port = sip.getPort() > 0 ? sip.getPort() : 5060;
        return new HopImpl(sip.getHost(), port, transport.toLowerCase());
    }

    @Override
    public Hop getOutboundProxy() {
        return null;
    }

    @Override
    @SuppressWarnings("deprecation")
    public ListIterator<Hop> getNextHops(Request request) {
        try {
            return List.of(getNextHop(request)).listIterator();
        } catch (SipException unroutable) {
            return List.<Hop>of().listIterator();
        }
    }

    private String ownTransport() throws SipException {
        Iterator<?> points = stack.getListeningPoints();
        if (!points.hasNext()) {
            throw new SipException("the phone listens nowhere");
        }
        return ((ListeningPoint) points.next()).getTransport();
    }
}
