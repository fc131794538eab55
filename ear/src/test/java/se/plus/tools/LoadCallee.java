package se.plus.tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A light called phone: registers its extension (digest, 401), answers the one call it gets with 180
 * and at once 200 with SDP naming its RTP socket (the 200 sent again until the ACK, RFC 3261
 * §13.3.1.4), and answers the BYE 200. What else arrives is answered 200 and counted. Its methods run
 * on the SIP receiving thread and never block.
 */
final class LoadCallee {

    private static final long T1_MILLIS = 500;
    private static final long T2_MILLIS = 4000;
    private static final long GIVE_UP_MILLIS = 32_000;

    final String extension;
    private final String sipPassword;
    final DatagramChannel rtp;
    private final LoadSip sip;
    private final ScheduledExecutorService timers;
    private final Map<String, AtomicLong> unexpected;
    private final String registrationCallId = LoadSip.newTag() + "-reg@load";
    private final String registrationTag = LoadSip.newTag();
    private long registrationCSeq;
    /** Whether a binding of ours is at the server, to be removed at the end. */
    volatile boolean registered;

    private LoadSipMessage invite;
    private String toTag;
    private String lastResponse;
    private ScheduledFuture<?> okAgain;
    /** What the server's INVITE offered: with anchoring, the relay's port for this side. */
    volatile InetSocketAddress offered;
    final CompletableFuture<Void> acked = new CompletableFuture<>();
    final CompletableFuture<Void> byeReceived = new CompletableFuture<>();

    LoadCallee(String extension, String sipPassword, LoadSip sip, ScheduledExecutorService timers,
               Map<String, AtomicLong> unexpected) throws IOException {
        this.extension = extension;
        this.sipPassword = sipPassword;
        this.sip = sip;
        this.timers = timers;
        this.unexpected = unexpected;
        this.rtp = LoadRtp.openChannel();
        sip.serve(extension, this::onRequest);
    }

    /** REGISTER for {@code expires} seconds (0 removes the binding); the final status after the 401. */
    CompletableFuture<Integer> register(int expires, Duration timeout) {
        String uri = sip.serverUri(null);
        return registerWith(null, uri, expires, timeout).thenCompose(response -> response.status() == 401
                ? registerWith(LoadDigest.answer(response, "REGISTER", uri, extension, sipPassword), uri, expires, timeout)
                : CompletableFuture.completedFuture(response)).thenApply(response -> {
                    registered = expires > 0 && response.status() / 100 == 2;
                    return response.status();
                });
    }

    private CompletableFuture<LoadSipMessage> registerWith(String authorization, String uri, int expires, Duration timeout) {
        String branch = sip.newBranch();
        long cseq;
        synchronized (this) {
            cseq = ++registrationCSeq;
        }
        String aor = "<sip:" + extension + "@plus.local>";
        var out = new StringBuilder("REGISTER ").append(uri).append(" SIP/2.0\r\n")
                .append(sip.via(branch)).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: ").append(aor).append(";tag=").append(registrationTag).append("\r\n")
                .append("To: ").append(aor).append("\r\n")
                .append("Call-ID: ").append(registrationCallId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" REGISTER\r\n");
        var extra = authorization == null
                ? List.of(sip.contact(extension), "Expires: " + expires)
                : List.of(sip.contact(extension), "Expires: " + expires, authorization);
        return sip.request(LoadSipMessage.finish(out, extra, null, null), branch, timeout, null).finalResponse;
    }

    private void onRequest(LoadSipMessage request) {
        switch (request.method()) {
            case "INVITE" -> onInvite(request);
            case "ACK" -> onAck(request);
            case "BYE" -> {
                sip.send(request.response(200, "OK", null, List.of(), null, null), request.source());
                byeReceived.complete(null);
            }
            default -> {
                unexpected.computeIfAbsent(request.method() + " to callee", k -> new AtomicLong()).incrementAndGet();
                sip.send(request.response(200, "OK", null, List.of(), null, null), request.source());
            }
        }
    }

    private synchronized void onInvite(LoadSipMessage request) {
        if (invite != null && invite.callId().equals(request.callId())) {
            if (request.toTag() != null) {
                // A re-INVITE (the server has none of its own): our SDP again, so media carries on.
                unexpected.computeIfAbsent("re-INVITE to callee", k -> new AtomicLong()).incrementAndGet();
                sip.send(request.response(200, "OK", toTag, List.of(sip.contact(extension)), "application/sdp",
                        LoadSdp.audio(extension, rtp.socket().getLocalPort())), request.source());
            } else if (lastResponse != null) {
                sip.send(lastResponse, request.source());
            }
            return;
        }
        if (invite != null) {
            unexpected.computeIfAbsent("second INVITE to callee", k -> new AtomicLong()).incrementAndGet();
            sip.send(request.response(486, "Busy Here", LoadSip.newTag(), List.of(), null, null), request.source());
            return;
        }
        invite = request;
        toTag = LoadSip.newTag();
        offered = LoadSdp.audioAddress(request.body());
        sip.send(request.response(180, "Ringing", toTag, List.of(sip.contact(extension)), null, null), request.source());
        lastResponse = request.response(200, "OK", toTag, List.of(sip.contact(extension)), "application/sdp",
                LoadSdp.audio(extension, rtp.socket().getLocalPort()));
        sip.send(lastResponse, request.source());
        okAgain = timers.schedule(() -> sendOkAgain(T1_MILLIS, T1_MILLIS), T1_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void sendOkAgain(long interval, long waited) {
        if (acked.isDone()) {
            return;
        }
        if (waited >= GIVE_UP_MILLIS) {
            acked.completeExceptionally(new IllegalStateException("no ACK for the callee's 200"));
            return;
        }
        sip.send(lastResponse, invite.source());
        long next = Math.min(interval * 2, T2_MILLIS);
        okAgain = timers.schedule(() -> sendOkAgain(next, waited + next), next, TimeUnit.MILLISECONDS);
    }

    private synchronized void onAck(LoadSipMessage ack) {
        if (invite != null && invite.callId().equals(ack.callId())) {
            if (okAgain != null) {
                okAgain.cancel(false);
            }
            acked.complete(null);
        }
    }
}
