package se.plus.adapters.sip.wire;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * RFC 3261 §17.2.3: a request belongs to a server transaction when its top Via's branch, its sent-by
 * and its method (ACK for INVITE) are that transaction's. JAIN-SIP keys its server transactions by the
 * branch alone: while a transaction lives on after its final response (32 s over UDP, to absorb
 * retransmissions), a request from another sender, or of another method, that happens to carry the same
 * branch is taken for part of it and never reaches the listener (an INVITE then gets no answer at all).
 * RFC 5118's messages, sent one after another, do exactly that: nine of the twelve use the branch
 * {@code z9hG4bKas3-111} with different sent-bys and methods.
 *
 * <p>Run by the stack for each request before it looks for the request's transaction (named in the
 * stack's properties, gov.nist.javax.sip.SIP_MESSAGE_VALVE): such a finished transaction is ended early,
 * so the new request gets a transaction of its own. A transaction still waiting for its final answer is
 * left alone (the request is then taken as the stack always took it): ending it would break a call in
 * progress for the sake of a sender that did not choose its branch as RFC 3261 §8.1.1.7 asks.
 */
public final class TransactionMatching implements SIPMessageValve {

    private static final Logger LOG = Logger.getLogger(TransactionMatching.class.getName());
    private static final String MAGIC_COOKIE = "z9hg4bk";

    private volatile SIPTransactionStack stack;

    @Override
    public void init(SipStack sipStack) {
        stack = (SIPTransactionStack) sipStack;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        Via via = request.getTopmostVia();
        String branch = via == null ? null : via.getBranch();
        if (stack == null || branch == null || !branch.toLowerCase(Locale.ROOT).startsWith(MAGIC_COOKIE)) {
            return true;
        }
        SIPTransaction existing = stack.findTransaction(request, true);
        if (existing instanceof SIPServerTransaction transaction && finished(transaction)
                && !sameTransaction(transaction.getOriginalRequest(), request)) {
            LOG.fine(() -> "branch " + branch + " of a finished " + transaction.getMethod() + " from "
                    + transaction.getOriginalRequest().getTopmostVia().getSentBy().encode() + " reused by a "
                    + request.getMethod() + " from " + via.getSentBy().encode() + ": a new transaction");
            stack.removeTransaction(transaction);
        }
        return true;
    }

    private static boolean finished(SIPServerTransaction transaction) {
        TransactionState state = transaction.getState();
        return state == TransactionState.COMPLETED || state == TransactionState.CONFIRMED
                || state == TransactionState.TERMINATED;
    }

    /** Same sent-by and method (an ACK belongs to its INVITE's transaction); the branch is already the same. */
    static boolean sameTransaction(SIPRequest original, SIPRequest request) {
        if (original == null) {
            return true;
        }
        String method = request.getMethod();
        boolean sameMethod = method.equals(original.getMethod())
                || Request.ACK.equals(method) && Request.INVITE.equals(original.getMethod());
        return sameMethod && request.getTopmostVia().getSentBy().equals(original.getTopmostVia().getSentBy());
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
        stack = null;
    }
}
