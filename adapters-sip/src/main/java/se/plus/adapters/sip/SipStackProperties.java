package se.plus.adapters.sip;

import java.util.Properties;

/**
 * The JAIN-SIP limits. The RI's defaults are unbounded (queues, transactions, connections) and let an
 * overload end in an OutOfMemoryError of the receive thread; see stack.md for the figures behind these.
 */
final class SipStackProperties {

    /** Server transactions the stack may hold; beyond it JAIN-SIP drops requests silently. */
    static final int MAX_SERVER_TRANSACTIONS = 20_000;
    /** Where we start refusing new INVITEs and REGISTERs with 503 ourselves, before the stack's limit. */
    static final int SHEDDING_SERVER_TRANSACTIONS = 15_000;
    /** Client transactions (call legs, CANCEL, BYE): the same two limits. */
    static final int MAX_CLIENT_TRANSACTIONS = 20_000;
    static final int SHEDDING_CLIENT_TRANSACTIONS = 15_000;

    private SipStackProperties() {
    }

    static Properties forDeployment(String stackName) {
        var p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", "se.plus.adapters.sip.stacklog.JulStackLogger");
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", "se.plus.adapters.sip.stacklog.JulServerLogger");
        // Checks each request on its raw bytes before the parser forgets duplicates and the version
        // (RFC 4475); loaded by name from the EAR's lib/ like the loggers.
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", "se.plus.adapters.sip.wire.ValidatingParserFactory");
        // Server transactions matched by branch, sent-by and method (RFC 3261 §17.2.3), not the branch alone.
        p.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", "se.plus.adapters.sip.wire.TransactionMatching");
        // A SIP request of ours never needs more; a larger datagram is dropped before it costs a buffer.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "8192");
        // Under overload, drop what has waited this long (ms) instead of queueing without bound.
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "2000");
        p.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "2000");
        p.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", "1024");
        // Kept open (bounded by MAX_CONNECTIONS): with "false" the stack answers a TCP request over a
        // new connection to the Via port, which phones behind NAT and SIPp do not listen on.
        p.setProperty("gov.nist.javax.sip.CACHE_SERVER_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", String.valueOf(MAX_SERVER_TRANSACTIONS));
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", String.valueOf(MAX_CLIENT_TRANSACTIONS));
        p.setProperty("gov.nist.javax.sip.MAX_LISTENER_RESPONSE_TIME", "30");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_INVITE", "180");
        p.setProperty("gov.nist.javax.sip.MAX_TX_LIFETIME_NON_INVITE", "40");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        return p;
    }
}
