package se.plus.adapters.sip;

import java.text.ParseException;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** OPTIONS (RFC 3261 §11): 200 with what we accept; phones and load balancers use it as a ping. */
final class OptionsProcessor implements MethodProcessor {

    @Override
    public String method() {
        return Request.OPTIONS;
    }

    @Override
    public void process(RequestEvent event, SipContext sip) {
        try {
            Response ok = sip.responseWithAllow(event.getRequest(), Response.OK);
            ok.addHeader(sip.headers().createAcceptHeader("application", "sdp"));
            sip.send(ok);
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
