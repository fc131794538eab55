package se.plus.adapters.sip;

import javax.sip.RequestEvent;

/** Handles the requests of one SIP method (style: one small processor per method, not one big if/else). */
interface MethodProcessor {

    String method();

    void process(RequestEvent event, SipContext sip);
}
