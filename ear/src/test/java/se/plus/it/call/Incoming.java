package se.plus.it.call;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A call that reached this phone. Life: RINGING (180 sent, or nothing yet) until one of: answered (200,
 * then the caller's ACK), refused (486/603) or cancelled (CANCEL answered 200, the INVITE 487); then
 * BYE from either side. Whichever of the answer and a CANCEL comes first wins; the other does nothing.
 */
final class Incoming extends CallLeg implements IncomingCall {

    private enum State { RINGING, ANSWERED, ENDED }

    private final ServerTransaction transaction;
    /** One To tag for every response to the INVITE, so the caller sees one dialog (RFC 3261 §12.1.1). */
    private final String toTag = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicReference<State> state = new AtomicReference<>(State.RINGING);
    private final CountDownLatch acked = new CountDownLatch(1);
    private volatile boolean answerWhenCancelled;

    Incoming(PhoneSip sip, RequestEvent event) throws SipException {
        super(sip, PhoneSip.callId(event.getRequest()));
        transaction = sip.serverTransaction(event);
        if (transaction == null) {
            throw new IllegalStateException("INVITE of call " + callId() + " already has a transaction");
        }
        dialog = sip.provider.getNewDialog(transaction);
        invite = event.getRequest();
        captureSdp(invite);
    }

    void ring() throws Exception {
        if (state.get() == State.RINGING) {
            transaction.sendResponse(sip.response(invite, Response.RINGING, toTag));
        }
    }

    void refuse(int status) throws Exception {
        if (state.compareAndSet(State.RINGING, State.ENDED)) {
            transaction.sendResponse(sip.response(invite, status, toTag));
        }
    }

    /** 200 with our SDP if still ringing; false when a CANCEL or an earlier answer got there first. */
    boolean answer() throws Exception {
        if (!state.compareAndSet(State.RINGING, State.ANSWERED)) {
            return false;
        }
        Response ok = sip.response(invite, Response.OK, toTag);
        ok.addHeader(sip.contact());
        sip.sdpBody(ok, sdpReplyingTo(invite));
        transaction.sendResponse(ok);
        return true;
    }

    @Override
    public void answerNow() throws Exception {
        if (!answer()) {
            throw new IllegalStateException("call " + callId() + " is no longer ringing: " + state.get());
        }
    }

    /** The 200 goes out when a CANCEL arrives, just before the CANCEL is handled (it then finds the call answered). */
    void answerWhenCancelled() {
        answerWhenCancelled = true;
    }

    /** RFC 3261 §9.2: 200 to the CANCEL, and 487 to the INVITE if it had no final response yet. */
    void onCancel(RequestEvent event) throws Exception {
        if (answerWhenCancelled) {
            answer();
        }
        ServerTransaction cancel = sip.serverTransaction(event);
        if (cancel != null) {
            cancel.sendResponse(sip.response(event.getRequest(), Response.OK, toTag));
        }
        if (state.compareAndSet(State.RINGING, State.ENDED)) {
            transaction.sendResponse(sip.response(invite, Response.REQUEST_TERMINATED, toTag));
        }
        cancelled.countDown();
    }

    @Override
    void onAck(Request ack) {
        super.onAck(ack);
        acked.countDown();
    }

    @Override
    public boolean awaitAck(Duration timeout) throws InterruptedException {
        return acked.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
