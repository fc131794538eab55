package se.plus.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A light calling phone: INVITE with its SDP offer, the 407 answered with digest, the 200 ACKed, and
 * at the end BYE. A BYE from the server (it hung up) is answered 200 and remembered. One call per
 * caller.
 */
final class LoadCaller {

    /** A call that did not get established, with the reason as the report shows it. */
    static final class SetupFailed extends RuntimeException {
        SetupFailed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(5);

    final String extension;
    private final String sipPassword;
    final DatagramChannel rtp;
    private final LoadSip sip;
    private final Map<String, AtomicLong> unexpected;
    private final String callId = LoadSip.newTag() + "-" + System.nanoTime() + "@load";
    private final String fromTag = LoadSip.newTag();
    private volatile String inviteUri;
    private volatile String to;
    private volatile String remoteTarget;
    private volatile long inviteCSeq;
    /** What the 200 answered: with anchoring, the relay's port for this side. */
    volatile InetSocketAddress answered;
    volatile long inviteSentNanos;
    volatile long answeredNanos;
    private volatile boolean hungUp;
    final CompletableFuture<Void> byeFromServer = new CompletableFuture<>();

    LoadCaller(String extension, String sipPassword, LoadSip sip, Map<String, AtomicLong> unexpected) throws IOException {
        this.extension = extension;
        this.sipPassword = sipPassword;
        this.sip = sip;
        this.unexpected = unexpected;
        this.rtp = LoadRtp.openChannel();
        sip.serve(extension, this::onRequest);
    }

    /** INVITE {@code callee} through the server; completes when the 200 is ACKed, or fails with {@link SetupFailed}. */
    CompletableFuture<Void> call(String callee, Duration timeout) {
        inviteUri = sip.serverUri(callee);
        inviteSentNanos = System.nanoTime();
        return invite(1, null, timeout).thenCompose(response -> response.status() == 407
                ? invite(2, LoadDigest.answer(response, "INVITE", inviteUri, extension, sipPassword), timeout)
                : CompletableFuture.completedFuture(response)).thenAccept(this::established)
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    throw cause instanceof SetupFailed setup ? setup
                            : new SetupFailed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                });
    }

    private CompletableFuture<LoadSipMessage> invite(long cseq, String authorization, Duration timeout) {
        String branch = sip.newBranch();
        inviteCSeq = cseq;
        var out = new StringBuilder("INVITE ").append(inviteUri).append(" SIP/2.0\r\n")
                .append(sip.via(branch)).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(extension).append("@plus.local>;tag=").append(fromTag).append("\r\n")
                .append("To: <").append(inviteUri).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" INVITE\r\n");
        var extra = authorization == null
                ? List.of(sip.contact(extension), "User-Agent: plus-anchored-call-load")
                : List.of(sip.contact(extension), "User-Agent: plus-anchored-call-load", authorization);
        var transaction = sip.request(LoadSipMessage.finish(out, extra, "application/sdp",
                LoadSdp.audio(extension, rtp.socket().getLocalPort())), branch, timeout, null);
        return transaction.finalResponse.whenComplete((response, failure) -> {
            if (failure instanceof TimeoutException) {
                cancel(branch, cseq);
            }
        }).thenApply(response -> {
            if (response.status() / 100 == 2) {
                // Dialog first, so that a BYE at the end finds it even if the checks below fail the setup.
                to = response.header("To");
                remoteTarget = response.contactUri();
                transaction.ack(ack(response));
            }
            return response;
        });
    }

    /** RFC 3261 §9.1: a CANCEL for an INVITE still unanswered when we gave up, so the server ends it too. */
    private void cancel(String branch, long cseq) {
        var out = new StringBuilder("CANCEL ").append(inviteUri).append(" SIP/2.0\r\n")
                .append(sip.via(branch)).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(extension).append("@plus.local>;tag=").append(fromTag).append("\r\n")
                .append("To: <").append(inviteUri).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" CANCEL\r\n");
        sip.request(LoadSipMessage.finish(out, List.of(), null, null), branch, CANCEL_TIMEOUT, null);
    }

    private void established(LoadSipMessage response) {
        if (response.status() / 100 != 2) {
            throw new SetupFailed(response.startLine().substring(8));
        }
        answeredNanos = System.nanoTime();
        if (response.all("Record-Route").size() > 0) {
            unexpected.computeIfAbsent("Record-Route in 200 (ignored)", k -> new AtomicLong()).incrementAndGet();
        }
        answered = LoadSdp.audioAddress(response.body());
        if (answered == null) {
            throw new SetupFailed("200 without audio SDP");
        }
    }

    private String ack(LoadSipMessage ok) {
        var out = new StringBuilder("ACK ").append(ok.contactUri() == null ? inviteUri : ok.contactUri()).append(" SIP/2.0\r\n")
                .append(sip.via(sip.newBranch())).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(extension).append("@plus.local>;tag=").append(fromTag).append("\r\n")
                .append("To: ").append(ok.header("To")).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(ok.cseq()).append(" ACK\r\n");
        return LoadSipMessage.finish(out, List.of(), null, null);
    }

    /** Whether a 200 made a dialog that a BYE must end (even when the setup was judged failed). */
    boolean inDialog() {
        return to != null;
    }

    /** In a dialog that no BYE was sent for yet. */
    boolean needsHangUp() {
        return inDialog() && !hungUp && !byeFromServer.isDone();
    }

    /** BYE on the dialog; the final status (a challenge answered once), or -1 when none came in time. */
    CompletableFuture<Integer> hangUp(Duration timeout) {
        hungUp = true;
        return bye(inviteCSeq + 1, null, timeout).thenCompose(response -> response.status() == 401 || response.status() == 407
                ? bye(inviteCSeq + 2, LoadDigest.answer(response, "BYE", target(), extension, sipPassword), timeout)
                : CompletableFuture.completedFuture(response))
                .thenApply(LoadSipMessage::status).exceptionally(timedOut -> -1);
    }

    private CompletableFuture<LoadSipMessage> bye(long cseq, String authorization, Duration timeout) {
        String branch = sip.newBranch();
        var out = new StringBuilder("BYE ").append(target()).append(" SIP/2.0\r\n")
                .append(sip.via(branch)).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(extension).append("@plus.local>;tag=").append(fromTag).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" BYE\r\n");
        var extra = authorization == null ? List.<String>of() : List.of(authorization);
        return sip.request(LoadSipMessage.finish(out, extra, null, null), branch, timeout, null).finalResponse;
    }

    private String target() {
        return remoteTarget != null ? remoteTarget : inviteUri;
    }

    private void onRequest(LoadSipMessage request) {
        if (request.method().equals("ACK")) {
            return;
        }
        if (request.method().equals("BYE")) {
            byeFromServer.complete(null);
        } else {
            unexpected.computeIfAbsent(request.method() + " to caller", k -> new AtomicLong()).incrementAndGet();
        }
        sip.send(request.response(200, "OK", null, List.of(), null, null), request.source());
    }
}
