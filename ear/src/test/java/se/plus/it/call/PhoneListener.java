package se.plus.it.call;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The phone's one SipListener: records each request, then hands it to its call, found by Call-ID (a
 * B2BUA gives each leg its own). It runs on the stack's threads and never blocks.
 */
final class PhoneListener implements SipListener {

    private static final Logger LOG = Logger.getLogger(PhoneListener.class.getName());

    /** What the phone does with an INVITE that starts a call. */
    @FunctionalInterface
    interface NewCalls {
        void ringing(RequestEvent invite) throws Exception;
    }

    private final PhoneSip sip;
    private final Map<String, CallLeg> calls;
    private final History<Request> received;
    private final NewCalls newCalls;

    PhoneListener(PhoneSip sip, Map<String, CallLeg> calls, History<Request> received, NewCalls newCalls) {
        this.sip = sip;
        this.calls = calls;
        this.received = received;
        this.newCalls = newCalls;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        received.add(request);
        try {
            dispatch(event);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "test phone " + sip.extension + " failed on " + request.getMethod(), e);
        }
    }

    private void dispatch(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        CallLeg call = calls.get(PhoneSip.callId(request));
        boolean inDialog = PhoneSip.hasToTag(request);
        switch (request.getMethod()) {
            case Request.ACK -> {
                if (call != null) {
                    call.onAck(request);
                }
            }
            case Request.CANCEL -> {
                if (call instanceof Incoming incoming) {
                    incoming.onCancel(event);
                } else {
                    reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                }
            }
            default -> {
                if (request.getMethod().equals(Request.INVITE) && !inDialog) {
                    // A known Call-ID here is a retransmission the stack let through.
                    if (call == null) {
                        newCalls.ringing(event);
                    }
                } else if (request.getMethod().equals(Request.NOTIFY)) {
                    // Message-waiting and the like: the test reads them from receivedRequests().
                    reply(event, Response.OK);
                } else if (inDialog && call != null) {
                    call.onInDialogRequest(event);
                } else if (inDialog) {
                    reply(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                } else {
                    // OPTIONS, and whatever else comes outside a dialog: the phone is there.
                    reply(event, Response.OK);
                }
            }
        }
    }

    private void reply(RequestEvent event, int status) throws Exception {
        ServerTransaction transaction = sip.serverTransaction(event);
        if (transaction != null) {
            transaction.sendResponse(sip.response(event.getRequest(), status, null));
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        try {
            if (event.getClientTransaction() != null
                    && event.getClientTransaction().getApplicationData() instanceof ClientHandler handler) {
                handler.onResponse(event);
            } else {
                CallLeg call = calls.get(PhoneSip.callId(response));
                if (call != null) {
                    call.onStrayResponse(event);
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "test phone " + sip.extension + " failed on " + response.getStatusCode()
                    + " to " + PhoneSip.method(response), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (!event.isServerTransaction()
                && event.getClientTransaction().getApplicationData() instanceof ClientHandler handler) {
            handler.onTimeout();
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.fine(() -> "test phone " + sip.extension + ": I/O error towards " + event.getHost() + ":"
                + event.getPort() + "/" + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
