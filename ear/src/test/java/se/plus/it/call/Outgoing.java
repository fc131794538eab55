package se.plus.it.call;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A call this phone makes. Life: INVITE sent; a 401/407 answered once with a new INVITE (CSeq + 1,
 * same Call-ID and From tag); provisional responses; a 2xx ACKed at once, or a failure the stack ACKs;
 * then BYE from either side.
 */
final class Outgoing extends CallLeg implements OutgoingCall, ClientHandler {

    private static final Logger LOG = Logger.getLogger(Outgoing.class.getName());

    /** Whether our INVITE carried the offer; if not, the 2xx carries it and our ACK the answer. */
    private final boolean offered;
    private final AtomicBoolean challenged = new AtomicBoolean();
    private final CountDownLatch answered = new CountDownLatch(1);
    private volatile ClientTransaction transaction;
    /** The CANCEL sent as the 2xx arrived, when the phone sends such CANCELs; null until then. */
    private volatile Exchange crossingCancel;

    Outgoing(PhoneSip sip, Request invite) {
        super(sip, PhoneSip.callId(invite));
        this.offered = PhoneSip.sdpOf(invite) != null;
    }

    void start(Request request) throws SipException {
        ClientTransaction next = sip.provider.getNewClientTransaction(request);
        next.setApplicationData(this);
        invite = request;
        transaction = next;
        dialog = sip.provider.getNewDialog(next);
        next.sendRequest();
    }

    @Override
    public void onResponse(ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        if (response.getStatusCode() / 100 == 2 && isAcknowledged(response)) {
            // A retransmission: our ACK was lost. It is not a new response for statuses().
            onStrayResponse(event);
            return;
        }
        responses.add(response);
        captureSdp(response);
        if (Digest.isChallenge(response)) {
            if (challenged.compareAndSet(false, true)) {
                start(sip.retryOf(invite, response));
            }
        } else if (response.getStatusCode() / 100 == 2) {
            if (sip.cancelCrossingAnswers && crossingCancel == null) {
                // Sent before the ACK, as the user's CANCEL would have left before this 200 was read.
                crossingCancel = sendCancel(event.getClientTransaction());
            }
            Dialog confirmed = event.getDialog() != null ? event.getDialog() : dialog;
            dialog = confirmed;
            String offer = offered ? null : PhoneSip.sdpOf(response);
            acknowledge(response, confirmed, offer == null ? null : sip.sdp(Sdp.answering(Sdp.direction(offer))));
            answered.countDown();
        }
    }

    @Override
    public void onTimeout() {
        LOG.fine(() -> "INVITE of call " + callId() + " timed out");
    }

    @Override
    public int cancel() throws Exception {
        // RFC 3261 §9.1: no CANCEL before a provisional response.
        Response first = responses.await(response -> isToCurrentInvite(response) && !Digest.isChallenge(response),
                PhoneSip.REQUEST_TIMEOUT);
        if (first == null) {
            return -1;
        }
        ClientTransaction cancelled = transaction;
        long cseq = PhoneSip.cseq(cancelled.getRequest());
        if (first.getStatusCode() < 200) {
            sendCancel(cancelled);
        }
        Response last = responses.await(response -> response.getStatusCode() >= 200 && PhoneSip.cseq(response) == cseq,
                PhoneSip.REQUEST_TIMEOUT);
        return last == null ? -1 : last.getStatusCode();
    }

    @Override
    public int crossingCancelStatus() throws InterruptedException {
        Exchange cancel = crossingCancel;
        Response answer = cancel == null ? null : cancel.await(PhoneSip.REQUEST_TIMEOUT);
        return answer == null ? -1 : answer.getStatusCode();
    }

    private Exchange sendCancel(ClientTransaction invite) throws SipException {
        ClientTransaction cancel = sip.provider.getNewClientTransaction(invite.createCancel());
        var exchange = new Exchange(null);
        cancel.setApplicationData(exchange);
        cancel.sendRequest();
        return exchange;
    }

    @Override
    public boolean awaitAnswered(Duration timeout) throws InterruptedException {
        return answered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private boolean isToCurrentInvite(Response response) {
        return PhoneSip.cseq(response) == PhoneSip.cseq(invite);
    }
}
