package se.plus.it.call;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * What a call is in either direction once there is a dialog: the requests sent in it, and the phone's
 * automatic part, which answers in-dialog requests 200 and ACKs 2xx responses to our INVITEs.
 */
abstract class CallLeg implements PhoneCall {

    private static final Logger LOG = Logger.getLogger(CallLeg.class.getName());

    final PhoneSip sip;
    private final String callId;
    volatile Dialog dialog;
    volatile Request invite;
    private volatile String remoteSdp;
    /** Responses to our initial INVITE(s); stays empty for an incoming call. */
    final History<Response> responses = new History<>();
    private final History<Request> inDialog = new History<>();
    private final CountDownLatch bye = new CountDownLatch(1);
    final CountDownLatch cancelled = new CountDownLatch(1);
    /** The ACK sent for each INVITE CSeq, sent again when its 2xx is retransmitted (RFC 3261 §13.2.2.4). */
    private final Map<Long, Request> acks = new ConcurrentHashMap<>();

    CallLeg(PhoneSip sip, String callId) {
        this.sip = sip;
        this.callId = callId;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public List<Integer> statuses() {
        return responses.snapshot().stream().map(Response::getStatusCode).toList();
    }

    @Override
    public Response awaitStatus(int status, Duration timeout) throws InterruptedException {
        return responses.await(response -> response.getStatusCode() == status, timeout);
    }

    @Override
    public boolean awaitBye(Duration timeout) throws InterruptedException {
        return bye.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean awaitCancel(Duration timeout) throws InterruptedException {
        return cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int hangUp() throws Exception {
        return status(sip.sendInDialog(confirmedDialog(), Request.BYE, request -> { }, null));
    }

    @Override
    public int reInvite(boolean hold) throws Exception {
        Dialog confirmed = confirmedDialog();
        String offer = sip.sdp(hold ? Sdp.SENDONLY : Sdp.SENDRECV);
        Response response = sip.sendInDialog(confirmed, Request.INVITE, request -> sip.sdpBody(request, offer),
                ok -> {
                    captureSdp(ok);
                    acknowledgeUnchecked(ok, confirmed, null);
                });
        return status(response);
    }

    @Override
    public int update(boolean hold) throws Exception {
        String offer = sip.sdp(hold ? Sdp.SENDONLY : Sdp.SENDRECV);
        return status(sip.sendInDialog(confirmedDialog(), Request.UPDATE, request -> {
            // RFC 3311 §5.1: UPDATE refreshes the target, so it carries a Contact.
            request.setHeader(sip.contact());
            sip.sdpBody(request, offer);
        }, this::captureSdp));
    }

    @Override
    public int info(String contentType, String body) throws Exception {
        return status(sip.sendInDialog(confirmedDialog(), Request.INFO,
                request -> sip.body(request, contentType, body), null));
    }

    @Override
    public int refer(String referTo) throws Exception {
        return status(sip.sendInDialog(confirmedDialog(), Request.REFER,
                request -> request.addHeader(sip.headers.createHeader("Refer-To", referTo)), null));
    }

    @Override
    public String remoteSdp() {
        return remoteSdp;
    }

    @Override
    public Request invite() {
        return invite;
    }

    @Override
    public List<Request> inDialogRequests() {
        return inDialog.snapshot();
    }

    /**
     * BYE, INFO, UPDATE, re-INVITE and whatever else arrives in the dialog: recorded, then answered 200
     * (a re-INVITE after the phone's re-INVITE answer delay, on another thread).
     */
    void onInDialogRequest(RequestEvent event) throws Exception {
        Request request = event.getRequest();
        ServerTransaction transaction = sip.serverTransaction(event);
        if (transaction == null) {
            return;
        }
        inDialog.add(request);
        captureSdp(request);
        Response ok = sip.response(request, Response.OK, null);
        String method = request.getMethod();
        if (method.equals(Request.INVITE) || method.equals(Request.UPDATE)) {
            ok.addHeader(sip.contact());
            String sdp = sdpReplyingTo(request);
            if (sdp != null) {
                sip.sdpBody(ok, sdp);
            }
        }
        Duration delay = method.equals(Request.INVITE) ? sip.reInviteAnswerDelay : Duration.ZERO;
        if (delay.isZero()) {
            transaction.sendResponse(ok);
        } else {
            CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS)
                    .execute(() -> sendLate(transaction, ok));
        }
        if (method.equals(Request.BYE)) {
            bye.countDown();
        }
    }

    private void sendLate(ServerTransaction transaction, Response response) {
        try {
            transaction.sendResponse(response);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "call " + callId + ": late " + response.getStatusCode() + " not sent", e);
        }
    }

    void onAck(Request ack) {
        captureSdp(ack);
    }

    /** A response without its transaction: a 2xx retransmitted because our ACK was lost. */
    void onStrayResponse(ResponseEvent event) throws Exception {
        Response response = event.getResponse();
        Request ack = acks.get(PhoneSip.cseq(response));
        Dialog current = event.getDialog() != null ? event.getDialog() : dialog;
        if (response.getStatusCode() / 100 == 2 && ack != null && current != null) {
            current.sendAck(ack);
        }
    }

    /**
     * Our SDP in reply to a request: the answer to its offer, mirroring a hold; our own offer when an
     * INVITE came without one (RFC 3261 §13.2.1, the answer then comes in the ACK).
     */
    String sdpReplyingTo(Request request) {
        String offer = PhoneSip.sdpOf(request);
        if (offer != null) {
            return sip.sdp(Sdp.answering(Sdp.direction(offer)));
        }
        return request.getMethod().equals(Request.INVITE) ? sip.sdp(Sdp.SENDRECV) : null;
    }

    /** ACKs a 2xx to one of our INVITEs (RFC 3261 §13.2.2.4), with {@code sdp} as the answer if there is one. */
    void acknowledge(Response ok, Dialog okDialog, String sdp) throws Exception {
        if (ok.getStatusCode() / 100 != 2 || !PhoneSip.method(ok).equals(Request.INVITE)) {
            return;
        }
        long cseq = PhoneSip.cseq(ok);
        Request sent = acks.get(cseq);
        if (sent != null) {
            okDialog.sendAck(sent);
            return;
        }
        Request ack = okDialog.createAck(cseq);
        PhoneSip.askForRport(ack);
        if (sdp != null) {
            sip.sdpBody(ack, sdp);
        }
        okDialog.sendAck(ack);
        acks.put(cseq, ack);
    }

    boolean isAcknowledged(Response response) {
        return acks.containsKey(PhoneSip.cseq(response));
    }

    void captureSdp(Message message) {
        String sdp = PhoneSip.sdpOf(message);
        if (sdp != null) {
            remoteSdp = sdp;
        }
    }

    private void acknowledgeUnchecked(Response ok, Dialog okDialog, String sdp) {
        try {
            acknowledge(ok, okDialog, sdp);
        } catch (Exception e) {
            throw new IllegalStateException("could not ACK " + ok.getStatusCode() + " in call " + callId, e);
        }
    }

    private Dialog confirmedDialog() {
        Dialog current = dialog;
        if (current == null || current.getState() != DialogState.CONFIRMED) {
            throw new IllegalStateException("call " + callId + " has no confirmed dialog: "
                    + (current == null ? "none" : current.getState()));
        }
        return current;
    }

    private static int status(Response response) {
        return response == null ? -1 : response.getStatusCode();
    }
}
