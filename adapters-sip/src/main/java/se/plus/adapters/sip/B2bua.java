package se.plus.adapters.sip;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TimeoutEvent;
import javax.sip.Transaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.adapters.sip.SipCall.Leg;
import se.plus.adapters.sip.SipCall.OwedAck;
import se.plus.adapters.sip.SipCall.Relay;
import se.plus.adapters.sip.media.MediaRelay;
import se.plus.adapters.sip.media.MediaSession;
import se.plus.adapters.sip.media.SdpAnchor;
import se.plus.adapters.sip.voicemail.BuiltInVoicemail;
import se.plus.adapters.sip.voicemail.Recording;
import se.plus.adapters.sip.incall.DtmfInfo;
import se.plus.adapters.sip.incall.InCallKeys;
import se.plus.application.port.in.ControlCallUseCase;
import se.plus.application.port.in.RecordCallUseCase;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.in.RouteCallUseCase.Busy;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.application.port.in.RouteCallUseCase.NotReached;
import se.plus.application.port.in.RouteCallUseCase.RingQueue;
import se.plus.application.port.in.RouteCallUseCase.ToVoicemail;
import se.plus.application.port.in.RouteCallUseCase.OutThroughTrunk;
import se.plus.application.port.in.RouteCallUseCase.Refused;
import se.plus.application.port.in.RouteCallUseCase.RingUser;
import se.plus.application.port.out.Binding;
import se.plus.application.port.out.CallControl;
import se.plus.application.port.out.CallRecord;
import se.plus.application.port.out.LiveCallView;
import se.plus.application.port.out.LiveCalls;
import se.plus.domain.call.CallDirection;
import se.plus.domain.call.CallParty;
import se.plus.domain.call.RingingCall;
import se.plus.domain.call.LiveCall;
import se.plus.domain.call.LiveCall.Ending;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.outcome.Outcome;
import se.plus.domain.outcome.OutcomeCode;
import se.plus.domain.routing.CallKind;
import se.plus.domain.user.TransferMode;
import se.plus.domain.routing.Diversion;

/**
 * The back-to-back user agent: every call between people is two (or more) SIP dialogs joined here. The
 * caller's INVITE is answered by us; one new INVITE per device of the callee (or one to the trunk)
 * goes out; provisional responses, the answer, ACK, BYE, CANCEL and in-dialog requests (re-INVITE,
 * UPDATE, INFO) are carried from one side to the other, with the SDP pointed at our media relay when
 * media is anchored. What the rules say about the call (who wins, who is busy, what the caller
 * hears) is {@link LiveCall}'s; this class only speaks SIP.
 */
final class B2bua {

    private static final Logger LOG = Logger.getLogger(B2bua.class.getName());

    private static final String COMPLETED_ELSEWHERE = "Call completed elsewhere";
    private static final int DEFAULT_MAX_FORWARDS = 70;
    /** A caller that never ACKs our 2xx is gone (RFC 3261 §13.3.1.4: 64·T1). */
    private static final long ACK_WAIT_NANOS = 32_000_000_000L;
    /** How long an ended call may wait for the last answers of its legs before it is released anyway. */
    private static final long LINGER_NANOS = 40_000_000_000L;

    private final SipContext sip;
    private final RouteCallUseCase routes;
    private final RecordCallUseCase recorder;
    private final LiveCalls liveCalls;
    private final MediaRelay relay;
    private final BuiltInVoicemail voicemail;
    /** Plays the error tone before a refusal, as for a refused feature code. */
    private final FeatureCodeInvites refusals;
    private final CallSettings settings;
    /** The rules of the codes that act on a call (transfer, take back, *59*, pickup). */
    private final ControlCallUseCase controls;
    private final DeviceDialects dialects;
    private final TonePlayer tones;
    /** A pickup of a call that rings on another node of a cluster goes there. */
    private final PickupHandover handover;
    /** The other nodes of a cluster end this node's connected calls should it die. */
    private final ClusterMembership membership;
    /** Where media sessions are closed: closing waits for the relay thread, which no SIP thread may do. */
    private final java.util.concurrent.Executor background;
    /** No-answer timers: each fires once, on a worker, for the ringing stage it was set for. */
    private final ScheduledExecutorService timers;
    private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
    /** Calls still without a final response to the caller, by the branch of the caller's INVITE (what a CANCEL carries). */
    private final Map<String, SipCall> ringing = new ConcurrentHashMap<>();
    private final AtomicLong legCounter = new AtomicLong();
    /**
     * Dialogs of released calls, with when they were released: the stack keeps an early dialog that
     * never got a final answer (a leg lost in an overload) for its EARLY_DIALOG_TIMEOUT of 3 minutes;
     * past our linger time they are deleted.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<ReleasedDialogs> released =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private record ReleasedDialogs(long releasedNanos, List<Dialog> dialogs) {
    }

    B2bua(SipContext sip, RouteCallUseCase routes, RecordCallUseCase recorder, LiveCalls liveCalls, MediaRelay relay,
          BuiltInVoicemail voicemail, FeatureCodeInvites refusals, CallSettings settings,
          java.util.concurrent.Executor background, ScheduledExecutorService timers, ControlCallUseCase controls,
          DeviceDialects dialects, TonePlayer tones, PickupHandover handover, ClusterMembership membership) {
        this.handover = handover;
        this.membership = membership;
        this.controls = controls;
        this.dialects = dialects;
        this.tones = tones;
        this.voicemail = voicemail;
        this.refusals = refusals;
        this.recorder = recorder;
        this.background = background;
        this.timers = timers;
        this.sip = sip;
        this.routes = routes;
        this.liveCalls = liveCalls;
        this.relay = relay;
        this.settings = settings;
    }

    /** Calls this adapter holds (SIP side); must reach 0 when every call ended. */
    int calls() {
        return calls.size();
    }

    // ---------------------------------------------------------------- a new call

    /** A new INVITE that is no feature code, its caller authenticated (or the trusted trunk); on a worker. */
    void place(ServerTransaction invite, RouteCallUseCase.Origin origin, String dialled, Dialect dialect) {
        Request request = invite.getRequest();
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        int forwards = maxForwards == null ? DEFAULT_MAX_FORWARDS : maxForwards.getMaxForwards();
        if (forwards <= 0) {
            sip.reply(invite, Response.TOO_MANY_HOPS);
            return;
        }
        String offer = body(request);
        if (offer != null && settings.anchorMedia() && SdpAnchor.rewrite(offer, "127.0.0.1", 2) == null) {
            sip.reply(invite, sip.response(request, Response.NOT_ACCEPTABLE_HERE, null, "An audio stream is needed"));
            return;
        }
        // The dialog before any response: the stack binds it to the To tag of the first one it sees.
        Dialog callerDialog;
        try {
            callerDialog = sip.provider().getNewDialog(invite);
        } catch (SipException failure) {
            LOG.log(Level.FINE, "no dialog for a call", failure);
            sip.reply(invite, Response.SERVER_INTERNAL_ERROR);
            return;
        }
        sip.reply(invite, Response.TRYING);
        CallRoute route = routes.route(new RouteCallUseCase.CallRequest(origin, dialled, dialect));
        if (route instanceof Refused || route instanceof Busy || route instanceof NotReached) {
            // Decided before anything rang: no call to hold, the caller gets the answer at once.
            Response refusal = finalResponse(request, route, Response.TEMPORARILY_UNAVAILABLE);
            if (route instanceof Busy) {
                sip.reply(invite, refusal);
            } else {
                // Contract: barred, nobody in the queue, not allowed — a tone in early media, then the answer.
                refusals.refuseWithTone(invite, refusal, sip);
            }
            if (!(route instanceof Refused refused) || refused.code() != se.plus.domain.outcome.OutcomeCode.INVALID_CODE) {
                recordLater(CallRecording.refusedAtOnce(origin, dialled, route, refusal.getStatusCode()));
            }
            return;
        }
        MediaSession media = null;
        if (settings.anchorMedia()) {
            Optional<MediaSession> opened = relay.open();
            if (opened.isEmpty()) {
                LOG.warning("no free media ports: call refused with 503");
                sip.replyBusy(invite);
                return;
            }
            media = opened.get();
        }
        var liveCall = new LiveCall(UUID.randomUUID().toString(), callerOf(route), calleeOf(route), System.nanoTime());
        var call = new SipCall(liveCall, dialled, invite, callerDialog, Long.toHexString(ThreadLocalRandom.current().nextLong()),
                InviteProcessor.branchOf(request), media, forwards - 1);
        call.callerDialect = dialect;
        call.ringingSinceNanos = liveCall.startedNanos();
        callerDialog.setApplicationData(call);
        invite.setApplicationData(call);
        synchronized (call) {
            calls.put(liveCall.id(), call);
            if (call.inviteBranch != null) {
                ringing.put(call.inviteBranch, call);
            }
            liveCalls.add(liveCall);
            if (media != null && offer != null) {
                media.remoteA(SdpAnchor.receiveAddress(offer));
                watchDigits(call, true, offer);
            }
            call.offerToCallee = offer == null ? null : towardsCallee(call, offer);
            follow(call, route);
            releaseIfDone(call);
        }
    }

    /**
     * Carries out one route of the call's tree while it rings: new legs for a user's devices, the trunk
     * or a voicemail server, with a no-answer timer when the route has one; or the final answer.
     */
    private void follow(SipCall call, CallRoute route) {
        call.route = route;
        diversionsOf(route).ifPresent(diversions -> call.diversions = diversions);
        long stage = ++call.stage;
        call.call.ringing(route instanceof RingQueue ? CallKind.QUEUE : CallKind.DIRECT);
        if (route instanceof RingUser ring) {
            for (Binding device : ring.devices()) {
                offerTo(call, device.contact(), ring.callee().extension(), ring.caller(), ring.diversions());
            }
            ring.noAnswerAfter().ifPresent(delay -> noAnswerIn(call, stage, delay));
        } else if (route instanceof RingQueue queue) {
            for (RouteCallUseCase.QueueMember member : queue.members()) {
                for (Binding device : member.devices()) {
                    offerTo(call, device.contact(), member.user(), queue.caller(), List.of());
                }
            }
            queue.noAnswerAfter().ifPresent(delay -> noAnswerIn(call, stage, delay));
        } else if (route instanceof OutThroughTrunk trunk) {
            offerToTrunk(call, trunk);
        } else if (route instanceof ToVoicemail voicemail) {
            toVoicemail(call, voicemail);
        } else if (call.placedByUs()) {
            stopRinging(call, route instanceof NotReached ? Ending.NO_ANSWER : Ending.REFUSED, (Response) null);
            return;
        } else {
            stopRinging(call, route instanceof NotReached ? Ending.NO_ANSWER : Ending.REFUSED,
                    finalResponse(call.callerInvite.getRequest(), route, call.call.refusalForCaller()));
            return;
        }
        if (call.call.state() == LiveCall.State.RINGING && everyLegFailed(call)) {
            // Nothing could be sent (no route to any device): as if every leg had refused.
            afterRefusals(call);
        }
    }

    private void noAnswerIn(SipCall call, long stage, Duration delay) {
        call.noAnswerTimer = timers.schedule(() -> background.execute(() -> noAnswer(call, stage)), delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Every leg of the ringing stage refused: busy or no answer, by what the devices said. */
    private void afterRefusals(SipCall call) {
        int status = call.call.refusalForCaller();
        CallRoute next = null;
        if (call.route instanceof RingUser ring) {
            boolean busy = status == Response.BUSY_HERE || status == Response.BUSY_EVERYWHERE || status == Response.DECLINE;
            next = busy ? ring.onBusy() : ring.onNoAnswer();
        } else if (call.route instanceof RingQueue queue) {
            // Every member's device refused: the next member (longest idle), or the end.
            next = queue.onNoAnswer();
        }
        if (next == null || next instanceof Busy || (next instanceof NotReached notReached && notReached.message().isEmpty())) {
            // Nothing takes the call further: the caller hears what the devices said.
            stopRinging(call, Ending.REFUSED, toCaller(call, status));
            return;
        }
        divert(call, next);
    }

    /** The no-answer delay of a ringing stage ran out: the devices get CANCEL, the next route rings. */
    private void noAnswer(SipCall call, long stage) {
        synchronized (call) {
            if (call.stage != stage || call.call.state() != LiveCall.State.RINGING) {
                return;
            }
            call.noAnswerTimer = null;
            if (call.route instanceof RingUser ring) {
                divert(call, ring.onNoAnswer());
            } else if (call.route instanceof RingQueue queue) {
                divert(call, queue.onNoAnswer());
            }
            releaseIfDone(call);
        }
    }

    private void divert(SipCall call, CallRoute next) {
        cancelNoAnswerTimer(call);
        for (String leg : call.call.divert()) {
            cancelLeg(call.legs.get(leg));
        }
        call.earlyMediaLeg = null;
        follow(call, next);
    }

    private static boolean everyLegFailed(SipCall call) {
        for (String leg : call.call.legIds()) {
            LiveCall.LegState state = call.call.leg(leg);
            if (state != LiveCall.LegState.FAILED && state != LiveCall.LegState.CANCELLED
                    && state != LiveCall.LegState.CANCEL_OWED) {
                return false;
            }
        }
        return true;
    }

    private static void cancelNoAnswerTimer(SipCall call) {
        if (call.noAnswerTimer != null) {
            call.noAnswerTimer.cancel(false);
            call.noAnswerTimer = null;
        }
    }

    /** The SIP answer for a route that ends the call: 486 busy, 480 with a message, or the outcome's status. */
    private Response finalResponse(Request invite, CallRoute route, int status) {
        if (route instanceof Refused refused) {
            return sip.response(invite, RefusalResponse.status(refused.code()),
                    RefusalResponse.reasonPhrase(refused.code()), RefusalResponse.warningText(refused.code(),
                            new se.plus.domain.outcome.Message(refused.detail(), refused.detail())));
        }
        if (route instanceof Busy) {
            return sip.response(invite, Response.BUSY_HERE, null, null);
        }
        if (route instanceof NotReached notReached && notReached.message().isPresent()) {
            String message = notReached.message().get().replace('"', '\'');
            return sip.response(invite, Response.TEMPORARILY_UNAVAILABLE, null, message);
        }
        return sip.response(invite, status, null, null);
    }

    /** Off the SIP thread: a database transaction per call. */
    private void recordLater(CallRecord record) {
        try {
            background.execute(() -> keep(record));
        } catch (RuntimeException rejected) {
            LOG.warning(() -> "call " + record.id() + " not recorded: no worker free");
        }
    }

    private void keep(CallRecord record) {
        try {
            recorder.record(record);
        } catch (RuntimeException failure) {
            // The call is over either way: a record lost to a database outage must not break calling.
            LOG.log(Level.WARNING, "call " + record.id() + " not recorded", failure);
        }
    }

    private static Optional<List<Diversion>> diversionsOf(CallRoute route) {
        if (route instanceof RingUser ring) {
            return Optional.of(ring.diversions());
        }
        if (route instanceof OutThroughTrunk trunk) {
            return Optional.of(trunk.diversions());
        }
        if (route instanceof ToVoicemail voicemail) {
            return Optional.of(voicemail.diversions());
        }
        return Optional.empty();
    }

    private static CallParty callerOf(CallRoute route) {
        if (route instanceof RingUser ring) {
            return ring.caller();
        }
        if (route instanceof RingQueue queue) {
            return queue.caller();
        }
        if (route instanceof OutThroughTrunk trunk) {
            return trunk.caller();
        }
        return ((ToVoicemail) route).caller();
    }

    /** The user the call was for: the first whose rules were asked, before any diversion. */
    private static Optional<Extension> calleeOf(CallRoute route) {
        Optional<Extension> first = route.trace().stream()
                .map(RouteCallUseCase.Explanation::user).flatMap(Optional::stream).findFirst();
        if (first.isPresent()) {
            return first;
        }
        if (route instanceof RingUser ring) {
            return Optional.of(ring.callee().extension());
        }
        if (route instanceof ToVoicemail voicemail) {
            return Optional.of(voicemail.mailbox());
        }
        return Optional.empty();
    }

    private void offerTo(SipCall call, String contact, Extension user, CallParty caller,
                         List<Diversion> diversions) {
        offerTo(call, contact, user, caller, diversions, null);
    }

    /**
     * A leg to one of {@code user}'s devices; {@code consultationOffer}: the SDP of an announced
     * transfer's leg (the consultation's own media), null for a leg of the ringing stage.
     */
    private void offerTo(SipCall call, String contact, Extension user, CallParty caller,
                         List<Diversion> diversions, String consultationOffer) {
        try {
            URI target = sip.addresses().createURI(contact);
            Address to = sip.addresses().createAddress(sip.addresses().createSipURI(user.digits(), sip.domain()));
            Request invite = newInvite(call, target, to, caller, false);
            DiversionHeaders.add(invite, diversions, sip, false);
            sendLeg(call, invite, Optional.of(user), consultationOffer);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.FINE, "could not ring " + contact, failure);
        }
    }

    private void offerToTrunk(SipCall call, OutThroughTrunk trunk) {
        offerToTrunk(call, trunk, trunk.caller(), trunk.diversions(), null);
    }

    /** As {@link #offerTo}, through the trunk: {@code caller} is who the far end sees calling. */
    private void offerToTrunk(SipCall call, OutThroughTrunk trunk, CallParty caller, List<Diversion> diversions,
                              String consultationOffer) {
        try {
            SipURI target = (SipURI) settings.trunkUri().orElseThrow().clone();
            target.setUser(trunk.number().value());
            target.setUserParam("phone");
            Address to = sip.addresses().createAddress(target);
            Request invite = newInvite(call, target, to, caller, true);
            DiversionHeaders.add(invite, diversions, sip, true);
            sendLeg(call, invite, Optional.empty(), consultationOffer);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.WARNING, "could not call out through the trunk", failure);
        }
    }

    /**
     * To the configured RFC 4458 voicemail server ({@code target=} the mailbox, {@code cause=} why), or
     * to the built-in voicemail.
     */
    private void toVoicemail(SipCall call, ToVoicemail route) {
        if (settings.voicemailUri().isEmpty()) {
            toBuiltInVoicemail(call, route);
            return;
        }
        try {
            SipURI target = (SipURI) settings.voicemailUri().get().clone();
            target.setParameter("target", "sip:" + route.mailbox().digits() + "%40" + sip.domain());
            target.setParameter("cause", String.valueOf(route.cause().sipCause()));
            Address to = sip.addresses().createAddress(sip.addresses().createSipURI(route.mailbox().digits(), sip.domain()));
            Request invite = newInvite(call, target, to, route.caller(), false);
            DiversionHeaders.add(invite, route.diversions(), sip, false);
            sendLeg(call, invite, Optional.empty());
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.WARNING, "could not reach the voicemail server", failure);
        }
    }

    /**
     * The built-in voicemail answers the caller itself: a recording on a port of the media range (behind
     * the relay when media is anchored), the greeting once the caller ACKs, the message kept when the
     * call ends. It needs the caller's SDP offer: a delayed offer is answered 488.
     */
    private void toBuiltInVoicemail(SipCall call, ToVoicemail route) {
        Request invite = call.callerInvite.getRequest();
        if (call.offerToCallee == null) {
            stopRinging(call, Ending.REFUSED, sip.response(invite, Response.NOT_ACCEPTABLE_HERE, null,
                    "The voicemail needs an SDP offer in the INVITE"));
            return;
        }
        Optional<Recording> opened = voicemail.open(route.mailbox(), route.caller(), route.cause());
        if (opened.isEmpty()) {
            stopRinging(call, Ending.REFUSED, sip.response(invite, Response.SERVICE_UNAVAILABLE, null,
                    "The voicemail has no free port"));
            return;
        }
        Recording recording = opened.get();
        String answer = recording.answerSdp(call.offerToCallee);
        if (answer == null) {
            recording.close();
            stopRinging(call, Ending.REFUSED, sip.response(invite, Response.NOT_ACCEPTABLE_HERE, null,
                    "The voicemail records PCMU (G.711 u-law)"));
            return;
        }
        String legId = "voicemail-" + legCounter.incrementAndGet();
        call.call.offer(legId);
        call.call.answered(legId, System.nanoTime());
        call.voicemail = recording;
        changed(call);
        forgetRinging(call);
        cancelNoAnswerTimer(call);
        call.answeredAt = Instant.now();
        if (call.media != null) {
            call.media.remoteB(recording.local());
        }
        if (call.call.handedOver()) {
            // *59* in a call: the caller talks to us already; the greeting starts now.
            call.callerAcked = true;
            startVoicemail(call);
            return;
        }
        Response ok = toCaller(call, Response.OK);
        setSdp(ok, towardsCaller(call, answer));
        sendToCaller(call, ok);
    }

    /** The caller ACKed the voicemail's answer: the greeting plays towards where its audio comes from. */
    private void startVoicemail(SipCall call) {
        InetSocketAddress towardsCaller = call.media != null
                ? new InetSocketAddress(call.media.address(), call.media.portB())
                : SdpAnchor.receiveAddress(call.offerToCallee);
        call.voicemail.start(towardsCaller, () -> {
            synchronized (call) {
                hangUp(call, Ending.MAX_DURATION, null);
                releaseIfDone(call);
            }
        });
    }

    private Request newInvite(SipCall call, URI target, Address to, CallParty caller, boolean towardsTrunk)
            throws ParseException, InvalidArgumentException {
        String sdp = call.offerToCallee;
        int maxForwards = call.maxForwards;
        String transport = target instanceof SipURI uri && uri.getTransportParam() != null
                ? uri.getTransportParam().toUpperCase() : "UDP";
        FromHeader from = sip.headers().createFromHeader(identity(caller), Long.toHexString(ThreadLocalRandom.current().nextLong()));
        CallIdHeader callId = sip.provider().getNewCallId();
        Request invite = sip.messages().createRequest(target, Request.INVITE, callId,
                sip.headers().createCSeqHeader(1L, Request.INVITE), from, sip.headers().createToHeader(to, null),
                List.of(sip.via(transport)), sip.headers().createMaxForwardsHeader(maxForwards));
        invite.addHeader(sip.contact(transport));
        invite.addHeader(sip.headers().createAllowHeader(String.join(", ", SipContext.ALLOWED_METHODS)));
        if (caller.hidden()) {
            invite.addHeader(sip.headers().createHeader("Privacy", "id"));
        }
        // RFC 3325: the asserted identity is for the trust domain beyond us (the trunk), never for phones.
        if (towardsTrunk && caller.number().isPresent()) {
            invite.addHeader(sip.headers().createHeader("P-Asserted-Identity",
                    "<sip:" + caller.number().get().value() + "@" + sip.domain() + ">"));
        }
        if (sdp != null) {
            invite.setContent(sdp, sdpType());
        }
        return invite;
    }

    private Address identity(CallParty caller) throws ParseException {
        if (caller.hidden()) {
            Address anonymous = sip.addresses().createAddress(sip.addresses().createSipURI("anonymous", "anonymous.invalid"));
            anonymous.setDisplayName("Anonymous");
            return anonymous;
        }
        String user = caller.number().map(n -> n.value()).orElse("unknown");
        Address address = sip.addresses().createAddress(sip.addresses().createSipURI(user, sip.domain()));
        if (!caller.displayName().isBlank()) {
            address.setDisplayName(caller.displayName());
        }
        return address;
    }

    private void sendLeg(SipCall call, Request invite, Optional<Extension> user) throws SipException {
        try {
            sendLeg(call, invite, user, null);
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code consultationOffer}: the leg is an announced transfer's, offering that SDP instead of the call's. */
    private void sendLeg(SipCall call, Request invite, Optional<Extension> user, String consultationOffer)
            throws SipException, ParseException {
        boolean consultation = consultationOffer != null;
        if (consultation) {
            invite.setContent(consultationOffer, sdpType());
        }
        ClientTransaction transaction = sip.provider().getNewClientTransaction(invite);
        Dialog dialog = sip.provider().getNewDialog(transaction);
        var leg = new Leg("leg-" + legCounter.incrementAndGet(), transaction, dialog, user);
        var side = new CallSide(call, leg);
        transaction.setApplicationData(side);
        dialog.setApplicationData(side);
        call.legs.put(leg.id, leg);
        if (consultation) {
            call.call.offerConsultation(leg.id, user);
        } else {
            call.call.offer(leg.id, user);
        }
        try {
            transaction.sendRequest();
        } catch (SipException unreachable) {
            call.call.refused(leg.id, Response.SERVICE_UNAVAILABLE);
            LOG.log(Level.FINE, "leg not sent", unreachable);
        }
    }

    // ---------------------------------------------------------------- responses from the legs

    /** True when the response belonged to a call. */
    boolean response(ResponseEvent event) {
        ClientTransaction transaction = event.getClientTransaction();
        Response response = event.getResponse();
        Object data = transaction != null ? transaction.getApplicationData()
                : event.getDialog() != null ? event.getDialog().getApplicationData() : null;
        if (data instanceof Relay relayed) {
            relayedResponse(relayed, response);
            return true;
        }
        if (data instanceof PickupHandover.Attempt attempt) {
            handover.response(attempt, response, transaction);
            return true;
        }
        if (data instanceof ByeAfterNotify after) {
            if (response.getStatusCode() >= 200) {
                sendBye(after.dialog());
            }
            return true;
        }
        if (!(data instanceof CallSide side) || side.leg() == null) {
            return data instanceof SipCall;
        }
        SipCall call = side.call();
        String cseqMethod = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        if (!Request.INVITE.equals(cseqMethod)) {
            return true;
        }
        if (transaction == null) {
            // A retransmitted 2xx: the stack repeats our ACK once we sent it; until then it waits for the caller's.
            return true;
        }
        synchronized (call) {
            int status = response.getStatusCode();
            Leg leg = side.leg();
            if (status < 200) {
                rang(call, leg, response);
            } else if (status < 300) {
                answered(call, leg, response);
            } else {
                legRefused(call, leg, status);
            }
            releaseIfDone(call);
        }
        return true;
    }

    /** Any provisional response (100 too, RFC 3261 §9.1) lets an owed CANCEL go; 180/183 go on to the caller. */
    private void rang(SipCall call, Leg leg, Response response) {
        if (call.call.rang(leg.id)) {
            cancelLeg(leg);
            return;
        }
        if (call.call.state() != LiveCall.State.RINGING || response.getStatusCode() == Response.TRYING
                || call.call.handedOver() || call.placedByUs()) {
            return;
        }
        String sdp = body(response);
        int status = response.getStatusCode();
        boolean earlyMedia = sdp != null && (call.earlyMediaLeg == null || call.earlyMediaLeg.equals(leg.id));
        if (earlyMedia) {
            call.earlyMediaLeg = leg.id;
            if (call.media != null) {
                call.media.remoteB(SdpAnchor.receiveAddress(sdp));
            }
        }
        Response out = toCaller(call, status == Response.SESSION_PROGRESS && !earlyMedia ? Response.RINGING : status);
        if (out != null) {
            if (earlyMedia) {
                setSdp(out, towardsCaller(call, sdp));
            }
            sendToCaller(call, out);
        }
    }

    private void answered(SipCall call, Leg leg, Response response) {
        leg.answeredCseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
        leg.finalStatus = response.getStatusCode();
        leg.dialect = leg.user.map(user -> dialects.of(user.digits(), SipContext.userAgent(response))).orElse(Dialect.TERMINAL);
        if (call.call.isConsultationLeg(leg.id)) {
            consultationAnswered(call, leg, response);
            return;
        }
        boolean handedOver = call.call.handedOver();
        LiveCall.AnswerDecision decision = call.call.answered(leg.id, System.nanoTime());
        if (decision instanceof LiveCall.Lost) {
            // ACK first, then BYE: some phones hang on a BYE before the ACK of their 2xx.
            ackAndHangUp(leg);
            return;
        }
        changed(call);
        forgetRinging(call);
        cancelNoAnswerTimer(call);
        call.answeredAt = Instant.now();
        for (String loser : ((LiveCall.Won) decision).cancelNow()) {
            cancelLeg(call.legs.get(loser));
        }
        String sdp = body(response);
        if (sdp != null && call.media != null) {
            call.media.remoteB(SdpAnchor.receiveAddress(sdp));
            call.onHold = SdpAnchor.onHold(sdp);
            watchDigits(call, false, sdp);
        }
        if (handedOver || call.placedByUs()) {
            // A direct transfer's target answered (the caller, answered long ago, hears them through the
            // relay), or a half of a click-to-dial: nobody else's ACK to wait for.
            ack(leg, null);
            if (call.clickToDial != null) {
                callTheTarget(call);
            }
            return;
        }
        call.owedToCallee = new OwedAck(leg.dialog, leg.answeredCseq);
        Response ok = toCaller(call, Response.OK);
        if (ok != null) {
            if (sdp != null) {
                setSdp(ok, towardsCaller(call, sdp));
            }
            sendToCaller(call, ok);
        }
    }

    private void legRefused(SipCall call, Leg leg, int status) {
        leg.finalStatus = status;
        if (call.call.refused(leg.id, status)) {
            afterRefusals(call);
        } else if (call.call.consultationFailed()) {
            consultationOver(call, call.completeOnAnswer);
        }
    }

    /** A leg's INVITE got no final answer (timeout, transport error): as a refusal with 408. */
    boolean timeout(TimeoutEvent event) {
        Transaction transaction = event.isServerTransaction() ? event.getServerTransaction() : event.getClientTransaction();
        if (transaction == null) {
            return false;
        }
        Object data = transaction.getApplicationData();
        if (data instanceof PickupHandover.Attempt attempt) {
            handover.timeout(attempt, event.getClientTransaction());
            return true;
        }
        if (data instanceof CallSide side && side.leg() != null && transaction == side.leg().invite) {
            SipCall call = side.call();
            synchronized (call) {
                LiveCall.LegState state = call.call.leg(side.leg().id);
                if (state == LiveCall.LegState.ANSWERED) {
                    hangUp(call, Ending.LEG_LOST, null);
                } else {
                    legRefused(call, side.leg(), Response.REQUEST_TIMEOUT);
                }
                releaseIfDone(call);
            }
            return true;
        }
        if (data instanceof ByeAfterNotify after) {
            sendBye(after.dialog());
            return true;
        }
        if (data instanceof Relay relayed) {
            SipCall call = relayed.call();
            synchronized (call) {
                call.reInviteInProgress = false;
                sip.reply(relayed.from(), Response.REQUEST_TIMEOUT);
            }
            return true;
        }
        return data instanceof SipCall;
    }

    // ---------------------------------------------------------------- requests from either side

    /** The ACK of a 2xx: carried to the other side, with the SDP answer of a delayed offer. */
    boolean ack(RequestEvent event) {
        Dialog dialog = event.getDialog();
        Object data = dialog == null ? null : dialog.getApplicationData();
        SipCall call = callOf(data);
        if (call == null) {
            return false;
        }
        boolean fromCaller = data instanceof SipCall;
        synchronized (call) {
            OwedAck owed;
            if (fromCaller && call.voicemail != null && !call.callerAcked) {
                call.callerAcked = true;
                startVoicemail(call);
                return true;
            }
            if (fromCaller) {
                // Our 2xx is confirmed (also where nothing is passed on: a picked-up call).
                call.callerAcked = true;
            }
            if (fromCaller && call.owedToCallee != null) {
                owed = call.owedToCallee;
                call.owedToCallee = null;
            } else if (call.owedToOtherSide != null && call.owedByCaller == fromCaller) {
                owed = call.owedToOtherSide;
                call.owedToOtherSide = null;
            } else {
                return true;
            }
            String sdp = body(event.getRequest());
            try {
                Request ack = owed.dialog().createAck(owed.cseq());
                if (sdp != null) {
                    rememberSdpFrom(call, fromCaller, sdp, true);
                    setSdp(ack, fromCaller ? towardsCallee(call, sdp) : towardsCaller(call, sdp));
                }
                owed.dialog().sendAck(ack);
            } catch (SipException | InvalidArgumentException | RuntimeException failure) {
                LOG.log(Level.FINE, "ACK not relayed", failure);
            }
        }
        return true;
    }

    /** BYE from either side: 200 at once, BYE to the other side, the call released. */
    boolean bye(RequestEvent event, ServerTransaction transaction) {
        Dialog dialog = event.getDialog();
        Object data = dialog == null ? null : dialog.getApplicationData();
        SipCall call = callOf(data);
        if (call == null) {
            return false;
        }
        sip.reply(transaction, Response.OK);
        synchronized (call) {
            if (data instanceof SipCall && call.call.state() == LiveCall.State.RINGING) {
                // RFC 3261 §15: a caller may end an early dialog with BYE; it means what CANCEL means.
                stopRinging(call, Ending.CANCELLED, Response.REQUEST_TERMINATED);
            } else if (data instanceof CallSide side && call.call.consultationAnswered().filter(side.leg().id::equals).isPresent()) {
                // The consulted party hung up: the user is back with the caller.
                side.leg().finalStatus = side.leg().finalStatus == 0 ? Response.OK : side.leg().finalStatus;
                consultationOver(call, false);
            } else if (data instanceof CallSide side && side.leg() != call.answered()) {
                // A loser's BYE (after our ACK+BYE crossed): nothing of the call changes.
                return true;
            } else if (data instanceof CallSide && call.call.consultation().isPresent()) {
                // The user hung up during an announced transfer: that completes it.
                userLeftConsultation(call);
            } else {
                hangUp(call, Ending.HUNG_UP, dialog);
            }
            releaseIfDone(call);
        }
        return true;
    }

    /** CANCEL of a ringing call: 200, 487 to the INVITE, CANCEL on every leg that rang. */
    boolean cancel(String branch, ServerTransaction cancelTransaction) {
        SipCall call = branch == null ? null : ringing.get(branch);
        if (call == null) {
            return handover.cancel(branch, cancelTransaction);
        }
        if (cancelTransaction != null) {
            sip.reply(cancelTransaction, Response.OK);
        }
        synchronized (call) {
            stopRinging(call, Ending.CANCELLED, Response.REQUEST_TERMINATED);
            releaseIfDone(call);
        }
        return true;
    }

    /** re-INVITE, UPDATE, INFO inside a call: relayed to the other side; 491 when INVITEs cross (glare). */
    boolean inDialog(RequestEvent event, ServerTransaction transaction) {
        Dialog dialog = event.getDialog();
        Object data = dialog == null ? null : dialog.getApplicationData();
        SipCall call = callOf(data);
        if (call == null) {
            return false;
        }
        boolean fromCaller = data instanceof SipCall;
        Request request = event.getRequest();
        String method = request.getMethod();
        synchronized (call) {
            Dialog other = fromCaller ? Optional.ofNullable(call.answered()).map(l -> l.dialog).orElse(null) : call.callerDialog;
            if (call.call.state() != LiveCall.State.CONNECTED || other == null
                    || (data instanceof CallSide side && side.leg() != call.answered())) {
                sip.reply(transaction, Request.INVITE.equals(method) ? Response.REQUEST_PENDING
                        : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                return true;
            }
            if (Request.REFER.equals(method)) {
                refer(call, fromCaller, dialog, transaction, request);
                return true;
            }
            if (Request.INVITE.equals(method)) {
                if (call.reInviteInProgress) {
                    sip.reply(transaction, Response.REQUEST_PENDING);
                    return true;
                }
                call.reInviteInProgress = true;
            }
            if (Request.INFO.equals(method)) {
                // Keys pressed in the call: relayed as always, and read for in-call codes.
                infoKey(call, fromCaller, request);
            }
            try {
                Request out = other.createRequest(method);
                String sdp = body(request);
                if (sdp != null && isSdp(request)) {
                    rememberSdpFrom(call, fromCaller, sdp, false);
                    setSdp(out, fromCaller ? towardsCallee(call, sdp) : towardsCaller(call, sdp));
                } else if (request.getRawContent() != null && request.getRawContent().length > 0) {
                    out.setContent(request.getRawContent(), (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME));
                }
                ClientTransaction relayed = sip.provider().getNewClientTransaction(out);
                relayed.setApplicationData(new Relay(call, transaction, fromCaller));
                other.sendRequest(relayed);
            } catch (SipException | ParseException | RuntimeException failure) {
                LOG.log(Level.FINE, method + " not relayed", failure);
                call.reInviteInProgress = false;
                sip.reply(transaction, Response.SERVER_INTERNAL_ERROR);
            }
        }
        return true;
    }

    private void relayedResponse(Relay relayed, Response response) {
        SipCall call = relayed.call();
        int status = response.getStatusCode();
        if (status == Response.TRYING) {
            return;
        }
        synchronized (call) {
            String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
            boolean invite = Request.INVITE.equals(method);
            if (invite && status >= 200) {
                call.reInviteInProgress = false;
            }
            try {
                Response out = sip.messages().createResponse(status, relayed.from().getRequest());
                out.setReasonPhrase(response.getReasonPhrase());
                String sdp = body(response);
                if (sdp != null && isSdp(response)) {
                    // The answer comes from the side the request went to.
                    rememberSdpFrom(call, !relayed.fromCaller(), sdp, body(relayed.from().getRequest()) != null);
                    setSdp(out, relayed.fromCaller() ? towardsCaller(call, sdp) : towardsCallee(call, sdp));
                }
                if (invite && status >= 200 && status < 300) {
                    Dialog answering = relayed.fromCaller() ? call.answered().dialog : call.callerDialog;
                    call.owedToOtherSide = new OwedAck(answering, ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber());
                    call.owedByCaller = relayed.fromCaller();
                    out.addHeader(sip.contact(transportOf(relayed.from().getRequest())));
                }
                relayed.from().sendResponse(out);
            } catch (ParseException | SipException | InvalidArgumentException | RuntimeException failure) {
                LOG.log(Level.FINE, "response to a relayed " + method + " not sent", failure);
            }
        }
    }

    // ---------------------------------------------------------------- in-call services

    /** How long a consulted party may ring before the caller is taken back (contract: "n not answering"). */
    static final Duration CONSULTATION_RING = Duration.ofSeconds(30);
    /** The mobile forms (#n, *59*n) end after this long without a key. */
    static final Duration KEY_SILENCE = Duration.ofSeconds(3);

    /** RFC 4733 digits from one side, when its SDP names telephone-event. */
    private void watchDigits(SipCall call, boolean callerSide, String sdp) {
        MediaSession media = callerSide ? call.media : call.calleeMedia;
        if (media == null) {
            return;
        }
        int payloadType = SdpAnchor.telephoneEventPayload(sdp);
        if (payloadType >= 0) {
            media.watchDigits(callerSide, payloadType, digit -> keyedLater(call, callerSide, digit));
        }
    }

    /** Off the relay thread: digits are rare, the relay must never wait for a lock. */
    private void keyedLater(SipCall call, boolean callerSide, char digit) {
        try {
            background.execute(() -> keyed(call, callerSide, digit));
        } catch (RuntimeException rejected) {
            LOG.fine("in-call key dropped: no worker free");
        }
    }

    /** One key from one side of a connected call (RFC 4733 or INFO), collected into a code. */
    private void keyed(SipCall call, boolean callerSide, char digit) {
        InCallKeys keys;
        synchronized (call) {
            if (call.call.state() != LiveCall.State.CONNECTED || call.placedByUs()) {
                return;
            }
            Optional<Extension> user = callerSide ? call.call.caller().user() : call.call.answeredBy();
            if (user.isEmpty()) {
                // The trunk's side, or a voicemail: no user of ours keys codes there.
                return;
            }
            keys = callerSide ? call.callerKeys : call.calleeKeys;
            if (keys == null) {
                Dialect dialect = callerSide ? call.callerDialect
                        : Optional.ofNullable(call.answered()).map(leg -> leg.dialect).orElse(Dialect.TERMINAL);
                Extension who = user.get();
                keys = new InCallKeys(dialect, timers, KEY_SILENCE,
                        () -> takeBackPending(call, who),
                        code -> background.execute(() -> codeKeyed(call, callerSide, who, dialect, code)));
                if (callerSide) {
                    call.callerKeys = keys;
                } else {
                    call.calleeKeys = keys;
                }
            }
        }
        keys.key(digit);
    }

    private boolean takeBackPending(SipCall call, Extension user) {
        synchronized (call) {
            return call.call.consultation().isPresent() && call.call.consultingUser().equals(Optional.of(user));
        }
    }

    /** A whole in-call code: the rules decide (and carry it out through {@link CallControl}); a refusal is heard. */
    private void codeKeyed(SipCall call, boolean callerSide, Extension user, Dialect dialect, String code) {
        Outcome outcome;
        try {
            outcome = controls.keyed(new ControlCallUseCase.KeyedInCall(call.call.id(), user, code, dialect));
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "in-call code " + code + " of " + user + " failed", failure);
            outcome = new Outcome.Refused(se.plus.domain.outcome.OutcomeCode.SERVICE_NOT_ACTIVE, "failed");
        }
        if (outcome instanceof Outcome.Refused refused) {
            LOG.fine(() -> "in-call code " + code + " of " + user + " refused: " + refused.code());
            synchronized (call) {
                MediaSession media = callerSide ? call.media : call.calleeMedia;
                if (media != null && call.call.state() == LiveCall.State.CONNECTED) {
                    tones.play(callerSide ? media.addressA() : media.addressB(), Tone.ERROR, () -> { });
                }
            }
        }
    }

    /** INFO with a DTMF body (RFC 2976 usage of application/dtmf-relay, application/dtmf): a key of its side. */
    private void infoKey(SipCall call, boolean fromCaller, Request request) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (type == null) {
            return;
        }
        DtmfInfo.digitOf(type.getContentType() + "/" + type.getContentSubType(), request.getRawContent())
                .ifPresent(digit -> keyedLater(call, fromCaller, digit));
    }

    Optional<CallControl.Ringing> ringingAt(Extension user) {
        CallControl.Ringing found = null;
        for (SipCall call : calls.values()) {
            synchronized (call) {
                if (!call.call.ringsAt(user)) {
                    continue;
                }
                CallParty caller = call.call.caller();
                var ringing = new CallControl.Ringing(call.call.id(), new RingingCall(user,
                        caller.hidden() ? Optional.empty() : caller.number(), call.call.kind(), CallDirection.INCOMING), caller);
                if (call.call.kind() == CallKind.DIRECT) {
                    return Optional.of(ringing);
                }
                found = ringing;
            }
        }
        return Optional.ofNullable(found);
    }

    Optional<LiveCallView> live(String callId) {
        SipCall call = calls.get(callId);
        if (call == null) {
            return Optional.empty();
        }
        synchronized (call) {
            return call.call.state() == LiveCall.State.ENDED ? Optional.empty() : Optional.of(viewOf(call));
        }
    }

    List<LiveCallView> liveCallsOf(Extension user) {
        var found = new java.util.ArrayList<LiveCallView>();
        for (SipCall call : calls.values()) {
            synchronized (call) {
                if (call.call.state() != LiveCall.State.ENDED) {
                    LiveCallView view = viewOf(call);
                    if (view.concerns(user)) {
                        found.add(view);
                    }
                }
            }
        }
        return found;
    }

    private static LiveCallView viewOf(SipCall call) {
        LiveCall live = call.call;
        CallParty caller = live.caller();
        return new LiveCallView(live.id(), live.state().name(), caller.user(),
                caller.hidden() ? Optional.empty() : caller.number().map(PhoneNumber::value),
                live.state() == LiveCall.State.RINGING ? live.ringingUsers() : List.of(), live.answeredBy(),
                live.consultation().map(PhoneNumber::value));
    }

    /** Pickup by call control: the callee's devices are cancelled, the picker's ring. */
    boolean pickUpTo(String callId, Extension picker, CallRoute route) {
        SipCall call = calls.get(callId);
        if (call == null) {
            return false;
        }
        synchronized (call) {
            if (!call.call.claimPickup()) {
                return false;
            }
            reroutedBy(call, happened(picker, "pickup", picker + " picked up the call by call control"));
            divert(call, route);
            releaseIfDone(call);
            return true;
        }
    }

    Optional<CallControl.Ongoing> ongoing(String callId) {
        SipCall call = calls.get(callId);
        if (call == null) {
            return Optional.empty();
        }
        synchronized (call) {
            if (call.call.state() != LiveCall.State.CONNECTED) {
                return Optional.empty();
            }
            return Optional.of(new CallControl.Ongoing(callId, call.call.caller(), call.call.answeredBy(),
                    call.call.consultation()));
        }
    }

    boolean transfer(String callId, Extension by, PhoneNumber target, TransferMode mode, CallRoute route) {
        return onAnsweredCall(callId, by, false, call -> {
            if (mode == TransferMode.DIRECT) {
                handOver(call, route);
                return true;
            }
            return consult(call, by, target, route);
        });
    }

    boolean sendToVoicemail(String callId, Extension by, CallRoute route) {
        return onAnsweredCall(callId, by, false, call -> {
            handOver(call, route);
            return true;
        });
    }

    boolean takeBack(String callId, Extension by) {
        return onAnsweredCall(callId, by, true, call -> {
            consultationOver(call, false);
            return true;
        });
    }

    /**
     * {@code action} on the connected call that {@code by} answered, under the call's lock, when an
     * announced transfer is ({@code announcing}) or is not in progress; false when the call is not so.
     */
    private boolean onAnsweredCall(String callId, Extension by, boolean announcing, java.util.function.Predicate<SipCall> action) {
        SipCall call = calls.get(callId);
        if (call == null) {
            return false;
        }
        synchronized (call) {
            if (!answeredByNow(call, by) || call.call.consultation().isPresent() != announcing) {
                return false;
            }
            return action.test(call);
        }
    }

    private static boolean answeredByNow(SipCall call, Extension by) {
        return call.call.state() == LiveCall.State.CONNECTED && call.call.answeredBy().equals(Optional.of(by))
                && call.owedToCallee == null;
    }

    /** What a user did to the call, for its record's trace. */
    private static RouteCallUseCase.Explanation happened(Extension who, String rule, String why) {
        return new RouteCallUseCase.Explanation(Optional.of(who), List.of(), rule, why);
    }

    /** The call rings anew after an in-call action: the trace so far is kept, then the action. */
    private static void reroutedBy(SipCall call, RouteCallUseCase.Explanation action) {
        if (call.route != null) {
            call.traceBefore.addAll(call.route.trace());
        }
        call.traceBefore.addAll(call.traceAfter);
        call.traceAfter.clear();
        call.traceBefore.add(action);
    }

    /** DIRECT, *59*: the user's leg is hung up and the caller rings at the route, still connected to us. */
    private void handOver(SipCall call, CallRoute route) {
        Extension by = call.call.answeredBy().orElseThrow();
        reroutedBy(call, route instanceof ToVoicemail voicemail
                ? happened(by, "voicemail", by + " sent the call to the voicemail of " + voicemail.mailbox() + " (*59*)")
                : happened(by, "transfer", by + " transferred the call directly"));
        String left = call.call.handOver();
        Leg leaving = call.legs.get(left);
        if (leaving != null) {
            release(leaving);
        }
        closeKeys(call, false);
        changed(call);
        call.ringingSinceNanos = System.nanoTime();
        call.earlyMediaLeg = null;
        if (call.media != null) {
            // The next device to answer declares itself; until then nothing goes back to the caller.
            call.media.remoteB(null);
        }
        follow(call, route);
        releaseIfDone(call);
    }

    /** ANNOUNCED: the caller hears the hold tone, the user's side is put through to the target. */
    private boolean consult(SipCall call, Extension by, PhoneNumber target, CallRoute route) {
        if (call.media == null || call.offerToCallee == null) {
            // Without our relay the caller could not be held apart from the user, nor hear a tone.
            return false;
        }
        Optional<MediaSession> opened = relay.open();
        if (opened.isEmpty()) {
            return false;
        }
        call.call.consult(target, by);
        call.traceAfter.add(happened(by, "transfer", by + " announced a transfer to " + target + "; the caller waits"));
        call.consultMedia = opened.get();
        call.completeOnAnswer = false;
        call.media.consultThrough(call.consultMedia);
        playHoldTone(call);
        CallParty user = new CallParty(Optional.of(by), Optional.of(by.asPhoneNumber()), "", false);
        String offer = SdpAnchor.rewrite(call.offerToCallee, call.consultMedia.address(), call.consultMedia.portB());
        if (route instanceof RingUser ring) {
            for (Binding device : ring.devices()) {
                offerTo(call, device.contact(), ring.callee().extension(), user, List.of(), offer);
            }
        } else if (route instanceof RingQueue queue) {
            for (RouteCallUseCase.QueueMember member : queue.members()) {
                for (Binding device : member.devices()) {
                    offerTo(call, device.contact(), member.user(), user, List.of(), offer);
                }
            }
        } else if (route instanceof OutThroughTrunk trunk) {
            offerToTrunk(call, trunk, user, List.of(), offer);
        }
        if (call.call.consultationFailed() || call.legs.values().stream().noneMatch(l -> call.call.isConsultationLeg(l.id))) {
            // Nothing to ring (busy, not reached, no device): back to the caller at once.
            consultationOver(call, false);
            tones.play(call.media.addressB(), Tone.ERROR, () -> { });
            return true;
        }
        long stage = call.stage;
        call.consultTimer = timers.schedule(() -> background.execute(() -> consultationUnanswered(call, stage)),
                CONSULTATION_RING.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    private void consultationAnswered(SipCall call, Leg leg, Response response) {
        LiveCall.AnswerDecision decision = call.call.answered(leg.id, System.nanoTime());
        if (decision instanceof LiveCall.Lost) {
            ackAndHangUp(leg);
            return;
        }
        ack(leg, null);
        for (String loser : ((LiveCall.Won) decision).cancelNow()) {
            cancelLeg(call.legs.get(loser));
        }
        cancelConsultTimer(call);
        String sdp = body(response);
        if (sdp != null && call.consultMedia != null) {
            call.consultMedia.remoteB(SdpAnchor.receiveAddress(sdp));
        }
        changed(call);
        if (call.completeOnAnswer) {
            completeTransfer(call);
        }
    }

    private void consultationUnanswered(SipCall call, long stage) {
        synchronized (call) {
            if (call.stage == stage && call.call.consultation().isPresent() && call.call.consultationAnswered().isEmpty()) {
                consultationOver(call, call.completeOnAnswer);
            }
            releaseIfDone(call);
        }
    }

    /**
     * The consultation ends without a transfer: {@code *}, or the target did not answer or hung up. The
     * caller is back with the user; when the user had hung up already, the caller's call ends.
     */
    private void consultationOver(SipCall call, boolean userGone) {
        call.call.consultingUser().ifPresent(user -> call.traceAfter.add(happened(user, "transfer",
                userGone ? "nobody took the transferred call: it ended" : "the caller is back with " + user)));
        dropConsultation(call);
        if (userGone) {
            hangUp(call, Ending.NO_ANSWER, null);
            releaseIfDone(call);
            return;
        }
        call.media.rejoin();
        changed(call);
        releaseIfDone(call);
    }

    /** Cancels or hangs up the consulted legs, stops the hold tone, frees the consultation's media. */
    private void dropConsultation(SipCall call) {
        cancelConsultTimer(call);
        stopHoldTone(call);
        LiveCall.ConsultationEnded ended = call.call.endConsultation();
        for (String leg : ended.cancelNow()) {
            cancelLeg(call.legs.get(leg));
        }
        ended.hangUp().map(call.legs::get).ifPresent(leg -> sendBye(leg.dialog));
        if (call.consultMedia != null && call.calleeMedia != call.consultMedia) {
            MediaSession consult = call.consultMedia;
            call.consultMedia = null;
            background.execute(consult::close);
        }
    }

    /** The user hung up (BYE already answered): the transfer completes now, or when the target answers. */
    private void userLeftConsultation(SipCall call) {
        if (call.call.consultationAnswered().isPresent()) {
            completeTransfer(call);
        } else {
            call.completeOnAnswer = true;
        }
    }

    private void completeTransfer(SipCall call) {
        Extension user = call.call.consultingUser().orElseThrow();
        PhoneNumber target = call.call.consultation().orElseThrow();
        call.traceAfter.add(happened(user, "transfer", user + " hung up: the caller is with " + target));
        String left = call.call.completeTransfer();
        Leg leaving = call.legs.get(left);
        if (leaving != null) {
            // Gone already when its BYE completed the transfer (sendBye skips an ended dialog).
            sendBye(leaving.dialog);
        }
        cancelConsultTimer(call);
        stopHoldTone(call);
        closeKeys(call, false);
        call.media.handOverTo(call.consultMedia);
        call.calleeMedia = call.consultMedia;
        changed(call);
        String callId = call.call.id();
        background.execute(() -> {
            try {
                controls.transferCompleted(callId, user, target);
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "transfer of call " + callId + " done, its event not published", failure);
            }
        });
    }

    private static void cancelConsultTimer(SipCall call) {
        if (call.consultTimer != null) {
            call.consultTimer.cancel(false);
            call.consultTimer = null;
        }
    }

    private void playHoldTone(SipCall call) {
        if (call.call.consultation().isEmpty() || call.media == null) {
            return;
        }
        call.holdTone = tones.play(call.media.addressA(), Tone.HOLD, () -> {
            synchronized (call) {
                if (call.holdTone != null) {
                    playHoldTone(call);
                }
            }
        });
    }

    private static void stopHoldTone(SipCall call) {
        RtpStream tone = call.holdTone;
        call.holdTone = null;
        if (tone != null) {
            tone.stop();
        }
    }

    private static void closeKeys(SipCall call, boolean callerSide) {
        InCallKeys keys = callerSide ? call.callerKeys : call.calleeKeys;
        if (keys != null) {
            keys.close();
        }
        if (callerSide) {
            call.callerKeys = null;
        } else {
            call.calleeKeys = null;
        }
    }

    /** ACK of a leg's 2xx sent by us (nobody else's ACK to wait for). */
    private void ack(Leg leg, String sdp) {
        try {
            Request ack = leg.dialog.createAck(leg.answeredCseq);
            if (sdp != null) {
                setSdp(ack, sdp);
            }
            leg.dialog.sendAck(ack);
        } catch (SipException | InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.FINE, "ACK not sent", failure);
        }
    }

    // ---------------------------------------------------------------- REFER

    /**
     * REFER from a softphone in a call (RFC 3515): 202, a {@code message/sipfrag} NOTIFY of 100 Trying,
     * then the transfer by the same rules as {@code #<n>#} — blind, or attended when {@code Refer-To}
     * carries {@code Replaces} (RFC 3891) naming the phone's other call — and a last NOTIFY with how it
     * ended (200 before the phone is released, or the refusal's status).
     */
    private void refer(SipCall call, boolean fromCaller, Dialog dialog, ServerTransaction transaction, Request request) {
        Optional<Extension> user = fromCaller ? call.call.caller().user() : call.call.answeredBy();
        javax.sip.header.ReferToHeader referTo = (javax.sip.header.ReferToHeader) request.getHeader(javax.sip.header.ReferToHeader.NAME);
        if (user.isEmpty() || call.placedByUs()) {
            sip.reply(transaction, Response.FORBIDDEN);
            return;
        }
        if (referTo == null || !(referTo.getAddress().getURI() instanceof SipURI target) || target.getUser() == null) {
            sip.reply(transaction, sip.response(request, Response.BAD_REQUEST, null, "Refer-To names no number (sip:<n>@...)"));
            return;
        }
        Optional<String> replaces = Optional.ofNullable(target.getHeader("Replaces"))
                .map(value -> java.net.URLDecoder.decode(value, StandardCharsets.UTF_8))
                .map(value -> value.split(";", 2)[0].trim());
        Optional<String> joining = replaces.flatMap(this::callWithCallerDialog);
        if (replaces.isPresent() && joining.isEmpty()) {
            sip.reply(transaction, sip.response(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null,
                    "Replaces names no call of this phone"));
            return;
        }
        sip.reply(transaction, Response.ACCEPTED);
        notifyRefer(dialog, "SIP/2.0 100 Trying", false);
        Leg referring = fromCaller ? null : call.answered();
        if (referring != null) {
            referring.referPending = true;
        }
        String callId = call.call.id();
        String digits = FeatureCode.percentDecode(target.getUser());
        background.execute(() -> {
            Outcome outcome;
            try {
                outcome = controls.referred(callId, user.get(), digits == null ? "" : digits, joining);
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "REFER of call " + callId + " failed", failure);
                outcome = new Outcome.Refused(se.plus.domain.outcome.OutcomeCode.SERVICE_NOT_ACTIVE, "failed");
            }
            if (outcome instanceof Outcome.Refused refused) {
                synchronized (call) {
                    if (referring != null) {
                        referring.referPending = false;
                    }
                }
                int status = RefusalResponse.status(refused.code());
                notifyRefer(dialog, "SIP/2.0 " + status + " " + RefusalResponse.reasonPhrase(refused.code()), true);
            }
        });
    }

    /** The call whose caller dialog has this Call-ID: the phone's other call, which Replaces names. */
    private Optional<String> callWithCallerDialog(String callId) {
        for (SipCall call : calls.values()) {
            if (call.callerDialog != null && callId.equals(call.callerDialog.getCallId().getCallId())) {
                return Optional.of(call.call.id());
            }
        }
        return Optional.empty();
    }

    /** A NOTIFY of the implicit refer subscription (RFC 3515 §2.4.4) with the sipfrag of how far it got. */
    private void notifyRefer(Dialog dialog, String statusLine, boolean last) {
        notifyRefer(dialog, statusLine, last, null);
    }

    /**
     * As above; {@code thenBye} rides on the NOTIFY's transaction, so the BYE follows once the phone
     * answered it (or it timed out). Sent at once, the BYE may be handled first and the phone would
     * answer the NOTIFY 481, never told its transfer worked.
     */
    private void notifyRefer(Dialog dialog, String statusLine, boolean last, ByeAfterNotify thenBye) {
        try {
            if (dialog.getState() == null || dialog.getState() == javax.sip.DialogState.TERMINATED) {
                return;
            }
            Request notify = dialog.createRequest(Request.NOTIFY);
            notify.addHeader(sip.headers().createEventHeader("refer"));
            notify.addHeader(sip.headers().createSubscriptionStateHeader(last ? "terminated;reason=noresource" : "active;expires=60"));
            notify.setContent(statusLine + "\r\n", sip.headers().createContentTypeHeader("message", "sipfrag;version=2.0"));
            ClientTransaction transaction = sip.provider().getNewClientTransaction(notify);
            transaction.setApplicationData(thenBye);
            dialog.sendRequest(transaction);
        } catch (SipException | ParseException | RuntimeException failure) {
            LOG.log(Level.FINE, "NOTIFY of a REFER not sent", failure);
            if (thenBye != null) {
                sendBye(thenBye.dialog());
            }
        }
    }

    /** The phone that referred the call is released: the last NOTIFY says it worked, then the BYE. */
    private void release(Leg leg) {
        if (leg.referPending) {
            leg.referPending = false;
            notifyRefer(leg.dialog, "SIP/2.0 200 OK", true, new ByeAfterNotify(leg.dialog));
            return;
        }
        sendBye(leg.dialog);
    }

    /** Attended transfer by REFER: the referring user's two calls are joined, the user released from both. */
    boolean join(String callId, String otherCallId, Extension by) {
        SipCall first = calls.get(callId);
        SipCall second = calls.get(otherCallId);
        if (first == null || second == null || first == second) {
            return false;
        }
        // Two calls' locks, always taken in the same order: no two joins can wait on each other.
        SipCall one = callId.compareTo(otherCallId) < 0 ? first : second;
        SipCall two = one == first ? second : first;
        synchronized (one) {
            synchronized (two) {
                if (!answeredByNow(first, by) || first.call.consultation().isPresent() || first.media == null
                        || second.call.state() != LiveCall.State.CONNECTED || second.media == null
                        || !second.call.caller().user().equals(Optional.of(by)) || second.answered() == null
                        || first.partner != null || second.partner != null) {
                    return false;
                }
                first.traceAfter.add(happened(by, "transfer", by + " joined the caller to call " + otherCallId + " (REFER)"));
                second.traceAfter.add(happened(by, "transfer", by + " joined this call to call " + callId + " (REFER)"));
                Leg left = first.legs.get(first.call.answeredPartyLeaves());
                second.call.callerLeaves();
                closeKeys(first, false);
                closeKeys(second, true);
                first.media.handOverTo(second.media);
                first.partner = second;
                second.partner = first;
                changed(first);
                changed(second);
                if (left != null) {
                    release(left);
                }
                sendBye(second.callerDialog);
                return true;
            }
        }
    }

    // ---------------------------------------------------------------- click-to-dial

    /**
     * Click-to-dial (RFC 3725's third-party call control, with our relay offering the SDP): {@code route}
     * rings the user's devices with an offer of our own; when one answers, the user's call to {@code to}
     * is placed as a second call whose media meets the first's in the relay.
     */
    Optional<String> placeCall(Extension user, CallRoute route, String to) {
        if (!settings.anchorMedia()) {
            // Without the relay nobody could offer SDP before both phones are known.
            return Optional.empty();
        }
        Optional<MediaSession> opened = relay.open();
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        MediaSession media = opened.get();
        var liveCall = new LiveCall(UUID.randomUUID().toString(), callerOf(route), Optional.of(user), System.nanoTime());
        var call = new SipCall(liveCall, to, null, null, Long.toHexString(ThreadLocalRandom.current().nextLong()), null,
                media, DEFAULT_MAX_FORWARDS);
        call.clickToDial = to;
        call.callerAcked = true;
        call.ringingSinceNanos = liveCall.startedNanos();
        call.offerToCallee = Sdp.pcmu(media.address(), media.portB(), System.currentTimeMillis() / 1000, "sendrecv");
        synchronized (call) {
            calls.put(liveCall.id(), call);
            liveCalls.add(liveCall);
            follow(call, route);
            releaseIfDone(call);
        }
        return Optional.of(liveCall.id());
    }

    /** The user answered a click-to-dial: now they call the target, as if they had dialled it. */
    private void callTheTarget(SipCall first) {
        Extension user = first.call.answeredBy().orElseThrow();
        String to = first.clickToDial;
        first.clickToDial = null;
        background.execute(() -> {
            CallRoute route = routes.route(new RouteCallUseCase.CallRequest(new RouteCallUseCase.FromUser(user), to));
            synchronized (first) {
                if (first.call.state() != LiveCall.State.CONNECTED) {
                    return;
                }
                if (route instanceof Refused || route instanceof Busy || route instanceof NotReached) {
                    tones.play(first.media.addressB(), Tone.ERROR, () -> background.execute(() -> {
                        synchronized (first) {
                            hangUp(first, Ending.REFUSED, null);
                            releaseIfDone(first);
                        }
                    }));
                    return;
                }
                Optional<MediaSession> opened = relay.open();
                if (opened.isEmpty()) {
                    hangUp(first, Ending.REFUSED, null);
                    releaseIfDone(first);
                    return;
                }
                MediaSession media = opened.get();
                var liveCall = new LiveCall(UUID.randomUUID().toString(), callerOf(route), calleeOf(route), System.nanoTime());
                var second = new SipCall(liveCall, to, null, null, Long.toHexString(ThreadLocalRandom.current().nextLong()),
                        null, media, DEFAULT_MAX_FORWARDS);
                second.callerAcked = true;
                second.ringingSinceNanos = liveCall.startedNanos();
                second.offerToCallee = Sdp.pcmu(media.address(), media.portB(), System.currentTimeMillis() / 1000, "sendrecv");
                first.partner = second;
                second.partner = first;
                // The user's device (first's side B) and the target (second's side B) meet in the relay.
                first.media.consultThrough(media);
                synchronized (second) {
                    calls.put(liveCall.id(), second);
                    liveCalls.add(liveCall);
                    follow(second, route);
                    releaseIfDone(second);
                }
            }
        });
    }

    /** One half of a click-to-dial ended: the other ends too (on a worker: never two calls' locks at once). */
    private void endPartnerLater(SipCall call) {
        SipCall partner = call.partner;
        if (partner == null) {
            return;
        }
        call.partner = null;
        background.execute(() -> {
            synchronized (partner) {
                partner.partner = null;
                if (partner.call.state() == LiveCall.State.RINGING) {
                    stopRinging(partner, Ending.CANCELLED, (Response) null);
                } else {
                    hangUp(partner, Ending.HUNG_UP, null);
                }
                releaseIfDone(partner);
            }
        });
    }

    // ---------------------------------------------------------------- pickup

    /**
     * {@code *80*<n>} from an authenticated phone, on a worker: the rules find the call ringing at n, and
     * {@link #join} makes the picker's INVITE its answer; a refusal gets the error tone, as any code.
     * When nothing rings at n here, the call may ring on another node of a cluster: the INVITE is
     * handed to the others ({@link PickupHandover}) before the phone hears the refusal.
     */
    void pickUp(ServerTransaction invite, Extension picker, String digits, Dialect dialect) {
        pickUp(invite, picker, digits, dialect, false);
    }

    /**
     * {@code *80*<n>} handed over by another node, the picker vouched for by its pass: the same rules;
     * a refusal is a plain answer (the node the phone called plays the tone, if it comes to that).
     */
    void pickUpHandedOver(ServerTransaction invite, Extension picker, String digits, Dialect dialect) {
        pickUp(invite, picker, digits, dialect, true);
    }

    private void pickUp(ServerTransaction invite, Extension picker, String digits, Dialect dialect, boolean handedOver) {
        Request request = invite.getRequest();
        String offer = body(request);
        if (offer == null || (settings.anchorMedia() && SdpAnchor.rewrite(offer, "127.0.0.1", 2) == null)) {
            sip.reply(invite, sip.response(request, Response.NOT_ACCEPTABLE_HERE, null, "A pickup needs an SDP offer with audio"));
            return;
        }
        sip.reply(invite, Response.TRYING);
        Outcome outcome;
        try {
            outcome = controls.pickUp(new ControlCallUseCase.PickupRequest(picker, digits, dialect,
                    callId -> join(callId, invite, picker, offer)));
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "pickup " + digits + " by " + picker + " failed", failure);
            sip.reply(invite, Response.SERVER_INTERNAL_ERROR);
            return;
        }
        if (outcome instanceof Outcome.Refused refused) {
            Response refusal = sip.response(request, RefusalResponse.status(refused.code()),
                    RefusalResponse.reasonPhrase(refused.code()), RefusalResponse.warningText(refused.code(), refused.message()));
            if (handedOver) {
                sip.reply(invite, refusal);
            } else if (refused.code() == OutcomeCode.SERVICE_NOT_ACTIVE) {
                handover.start(invite, picker, () -> refusals.refuseWithTone(invite, refusal, sip));
            } else {
                refusals.refuseWithTone(invite, refusal, sip);
            }
        }
    }

    /**
     * An INVITE with {@code Replaces} (RFC 3891) naming one of our legs to a ringing device: the pickup
     * of that call, by the same rules. A confirmed dialog is not taken over: 486 when the phone said
     * {@code early-only}, else 481 (we replace early dialogs only); no such dialog: 481.
     */
    void pickUpReplacing(ServerTransaction invite, Extension picker, String replaces, Dialect dialect) {
        String[] parts = replaces.split(";");
        String callId = parts[0].trim();
        boolean earlyOnly = java.util.Arrays.stream(parts).anyMatch(p -> p.trim().equalsIgnoreCase("early-only"));
        for (SipCall call : calls.values()) {
            Optional<Extension> ringingAt = Optional.empty();
            boolean found = false;
            synchronized (call) {
                for (Leg leg : call.legs.values()) {
                    if (leg.invite != null && callId.equals(((CallIdHeader) leg.invite.getRequest().getHeader(CallIdHeader.NAME)).getCallId())) {
                        found = true;
                        LiveCall.LegState state = call.call.leg(leg.id);
                        if (state == LiveCall.LegState.OFFERED || state == LiveCall.LegState.RINGING) {
                            ringingAt = leg.user;
                        }
                    }
                }
            }
            if (found) {
                if (ringingAt.isPresent()) {
                    pickUp(invite, picker, "*80*" + ringingAt.get().digits(), dialect);
                } else {
                    sip.reply(invite, earlyOnly ? Response.BUSY_HERE : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
                }
                return;
            }
        }
        sip.reply(invite, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
    }

    /** The picker's INVITE answers the ringing call, if it still rings: exactly one of two pickers gets here first. */
    private boolean join(String callId, ServerTransaction pickerInvite, Extension picker, String pickerOffer) {
        SipCall call = calls.get(callId);
        if (call == null) {
            return false;
        }
        synchronized (call) {
            if (call.call.state() != LiveCall.State.RINGING || call.call.handedOver() || call.offerToCallee == null) {
                return false;
            }
            Dialog dialog;
            try {
                dialog = sip.provider().getNewDialog(pickerInvite);
            } catch (SipException failure) {
                LOG.log(Level.FINE, "no dialog for a pickup", failure);
                return false;
            }
            var leg = new Leg("pickup-" + legCounter.incrementAndGet(), null, dialog, Optional.of(picker));
            LiveCall.AnswerDecision decision = call.call.pickedUp(leg.id, picker, System.nanoTime());
            if (decision instanceof LiveCall.Lost) {
                return false;
            }
            call.traceAfter.add(happened(picker, "pickup", picker + " picked up the call (*80*)"));
            leg.dialect = dialects.of(picker.digits(), SipContext.userAgent(pickerInvite.getRequest()));
            leg.finalStatus = Response.OK;
            dialog.setApplicationData(new CallSide(call, leg));
            call.legs.put(leg.id, leg);
            changed(call);
            forgetRinging(call);
            cancelNoAnswerTimer(call);
            call.answeredAt = Instant.now();
            for (String loser : ((LiveCall.Won) decision).cancelNow()) {
                cancelLeg(call.legs.get(loser));
            }
            if (call.media != null) {
                call.media.remoteB(SdpAnchor.receiveAddress(pickerOffer));
                watchDigits(call, false, pickerOffer);
            }
            try {
                Response toPicker = sip.messages().createResponse(Response.OK, pickerInvite.getRequest());
                ((ToHeader) toPicker.getHeader(ToHeader.NAME)).setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
                toPicker.addHeader(sip.contact(transportOf(pickerInvite.getRequest())));
                setSdp(toPicker, call.offerToCallee);
                pickerInvite.sendResponse(toPicker);
            } catch (ParseException | SipException | InvalidArgumentException | RuntimeException failure) {
                LOG.log(Level.FINE, "answer to the picker not sent", failure);
            }
            Response ok = toCaller(call, Response.OK);
            setSdp(ok, towardsCaller(call, pickerOffer));
            sendToCaller(call, ok);
            return true;
        }
    }

    // ---------------------------------------------------------------- housekeeping

    /** Ringing too long, no media, too long a call, a caller that never ACKed: called every second. */
    void sweep() {
        long now = System.nanoTime();
        deleteLingeringDialogs(now);
        for (SipCall call : calls.values()) {
            synchronized (call) {
                LiveCall live = call.call;
                if (live.state() == LiveCall.State.RINGING && now - call.ringingSinceNanos > settings.ringTimeout().toNanos()) {
                    stopRinging(call, Ending.NO_ANSWER, Response.TEMPORARILY_UNAVAILABLE);
                } else if (live.state() == LiveCall.State.CONNECTED) {
                    long connectedFor = now - live.connectedNanos();
                    if (!call.callerAcked && connectedFor > ACK_WAIT_NANOS) {
                        hangUp(call, Ending.LEG_LOST, null);
                    } else if (connectedFor > settings.maxDuration().toNanos()) {
                        hangUp(call, Ending.MAX_DURATION, null);
                    } else if (call.media != null && !call.onHold
                            && now - Math.max(call.media.lastPacketNanos(), live.connectedNanos()) > settings.mediaTimeout().toNanos()) {
                        hangUp(call, Ending.MEDIA_TIMEOUT, null);
                    }
                } else if (live.state() == LiveCall.State.ENDED && now - call.endedNanos > LINGER_NANOS) {
                    // A leg that never answered its CANCEL or BYE: the stack's own timers end its transactions.
                    release(call);
                }
                releaseIfDone(call);
            }
        }
    }

    /** Deletes what the stack still holds of calls released longer ago than the linger time. */
    private void deleteLingeringDialogs(long now) {
        for (ReleasedDialogs head; (head = released.peek()) != null && now - head.releasedNanos() > LINGER_NANOS; ) {
            released.poll();
            for (Dialog dialog : head.dialogs()) {
                if (dialog.getState() != javax.sip.DialogState.TERMINATED) {
                    dialog.delete();
                }
            }
        }
    }

    /** The stack is done with a transaction or dialog: it must not keep our call reachable. */
    void forget(Transaction transaction, Dialog dialog) {
        if (transaction != null) {
            transaction.setApplicationData(null);
        }
        if (dialog != null) {
            dialog.setApplicationData(null);
        }
    }

    /** Ends every call (undeploy). */
    void close() {
        for (SipCall call : calls.values()) {
            synchronized (call) {
                if (call.call.state() == LiveCall.State.RINGING) {
                    stopRinging(call, Ending.LEG_LOST, Response.SERVICE_UNAVAILABLE);
                } else {
                    hangUp(call, Ending.LEG_LOST, null);
                }
                release(call);
            }
        }
    }

    // ---------------------------------------------------------------- the pieces

    private void stopRinging(SipCall call, Ending why, int status) {
        stopRinging(call, why, call.placedByUs() ? null : toCaller(call, status));
    }

    private void stopRinging(SipCall call, Ending why, Response toCaller) {
        if (call.call.state() != LiveCall.State.RINGING) {
            return;
        }
        cancelNoAnswerTimer(call);
        List<String> cancelNow = call.call.stopRinging(why);
        forgetRinging(call);
        for (String leg : cancelNow) {
            cancelLeg(call.legs.get(leg));
        }
        endPartnerLater(call);
        if (toCaller == null || call.placedByUs()) {
            call.finalStatus = Response.TEMPORARILY_UNAVAILABLE;
            return;
        }
        call.finalStatus = toCaller.getStatusCode();
        if (call.call.handedOver()) {
            // A direct transfer's target did not answer: the caller, answered long ago, is hung up.
            if (why != Ending.CANCELLED) {
                sendBye(call.callerDialog);
            }
            return;
        }
        try {
            ((ToHeader) toCaller.getHeader(ToHeader.NAME)).setTag(call.callerToTag);
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
        sendToCaller(call, toCaller);
    }

    /** Ends a connected call: BYE to every side but the one that hung up ({@code from}). */
    private void hangUp(SipCall call, Ending why, Dialog from) {
        if (call.call.state() == LiveCall.State.ENDED) {
            return;
        }
        if (call.call.consultation().isPresent()) {
            dropConsultation(call);
        }
        if (!call.call.hangUp(why)) {
            return;
        }
        endPartnerLater(call);
        Leg answered = call.answered();
        if (from != call.callerDialog) {
            if (call.callerAcked || why != Ending.LEG_LOST) {
                sendBye(call.callerDialog);
            }
        }
        if (answered != null && from != answered.dialog) {
            if (call.owedToCallee != null) {
                // The caller never ACKed: the callee still gets its ACK before our BYE.
                ackAndHangUp(answered);
                call.owedToCallee = null;
            } else {
                sendBye(answered.dialog);
            }
        }
    }

    private void cancelLeg(Leg leg) {
        if (leg == null) {
            return;
        }
        try {
            Request cancel = leg.invite.createCancel();
            cancel.addHeader(sip.headers().createReasonHeader("SIP", 200, COMPLETED_ELSEWHERE));
            sip.provider().getNewClientTransaction(cancel).sendRequest();
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.FINE, "CANCEL not sent", failure);
        }
    }

    private void ackAndHangUp(Leg leg) {
        ack(leg, null);
        sendBye(leg.dialog);
    }

    private void sendBye(Dialog dialog) {
        try {
            if (dialog == null || dialog.getState() == null || dialog.getState() == javax.sip.DialogState.TERMINATED) {
                return;
            }
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = sip.provider().getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
        } catch (SipException | RuntimeException failure) {
            LOG.log(Level.FINE, "BYE not sent", failure);
        }
    }

    private Response toCaller(SipCall call, int status) {
        try {
            Response response = sip.messages().createResponse(status, call.callerInvite.getRequest());
            ((ToHeader) response.getHeader(ToHeader.NAME)).setTag(call.callerToTag);
            if (status > 100 && status < 300) {
                response.addHeader(sip.contact(transportOf(call.callerInvite.getRequest())));
            }
            return response;
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void sendToCaller(SipCall call, Response response) {
        try {
            call.callerInvite.sendResponse(response);
        } catch (SipException | InvalidArgumentException | RuntimeException failure) {
            // The transaction already ended (a CANCEL or a timeout won the race): nothing to tell.
            LOG.log(Level.FINE, "response to the caller not sent", failure);
        }
    }

    /** The call has its final answer: a CANCEL no longer finds it (a call we placed had no INVITE to cancel). */
    /**
     * The call changed whom it keeps busy (answered, picked up, transferred): the live-call registry is
     * told, and in a cluster the others keep its dialogs, to end them should this node die.
     */
    private void changed(SipCall call) {
        liveCalls.changed(call.call);
        keepDialogs(call);
    }

    /** Another node joined a node that was alone: it keeps the dialogs of the calls connected meanwhile too. */
    void keepAllDialogs() {
        for (SipCall call : calls.values()) {
            synchronized (call) {
                if (!call.released) {
                    keepDialogs(call);
                }
            }
        }
    }

    private void keepDialogs(SipCall call) {
        if (!membership.clustered() || call.call.state() != LiveCall.State.CONNECTED) {
            return;
        }
        Leg answered = call.answered();
        var dialogs = new java.util.ArrayList<Dialog>(2);
        if (call.callerDialog != null) {
            dialogs.add(call.callerDialog);
        }
        if (answered != null && answered.dialog != null) {
            dialogs.add(answered.dialog);
        }
        if (!dialogs.equals(call.keptDialogs)) {
            membership.keep(call.call.id(), dialogs, call.callerDialog, call.callerToTag);
            call.keptDialogs = dialogs;
        }
    }

    private void forgetRinging(SipCall call) {
        if (call.inviteBranch != null) {
            ringing.remove(call.inviteBranch, call);
        }
    }

    private void releaseIfDone(SipCall call) {
        if (call.released || call.call.state() != LiveCall.State.ENDED) {
            return;
        }
        if (call.endedNanos == 0) {
            call.endedNanos = System.nanoTime();
        }
        for (String leg : call.call.legIds()) {
            LiveCall.LegState state = call.call.leg(leg);
            if (state != LiveCall.LegState.FAILED && state != LiveCall.LegState.ENDED) {
                return;
            }
        }
        release(call);
    }

    private void release(SipCall call) {
        if (call.released) {
            return;
        }
        call.released = true;
        cancelNoAnswerTimer(call);
        cancelConsultTimer(call);
        var dialogs = new java.util.ArrayList<Dialog>(1 + call.legs.size());
        if (call.callerDialog != null) {
            dialogs.add(call.callerDialog);
        }
        call.legs.values().forEach(leg -> dialogs.add(leg.dialog));
        released.add(new ReleasedDialogs(System.nanoTime(), dialogs));
        calls.remove(call.call.id(), call);
        forgetRinging(call);
        liveCalls.remove(call.call);
        if (call.keptDialogs != null) {
            membership.drop(call.call.id());
        }
        recordLater(CallRecording.of(call));
        if (call.voicemail != null) {
            // Whatever was said before the end is the message (a caller who hangs up at once leaves none).
            call.voicemail.finish();
        }
        stopHoldTone(call);
        for (InCallKeys keys : new InCallKeys[] {call.callerKeys, call.calleeKeys}) {
            if (keys != null) {
                keys.close();
            }
        }
        for (MediaSession media : new MediaSession[] {call.media, call.consultMedia}) {
            if (media != null) {
                try {
                    background.execute(media::close);
                } catch (RuntimeException rejected) {
                    media.close();
                }
            }
        }
    }

    /** {@code answer}: the SDP answers an offer; else it is an offer of its own. */
    private void rememberSdpFrom(SipCall call, boolean fromCaller, String sdp, boolean answer) {
        // RFC 3264 §6.1: the answer to a hold (sendonly) is recvonly, which is no hold by itself: the hold
        // is the offer's, and the answer must not clear it.
        call.onHold = SdpAnchor.onHold(sdp) || (answer && call.onHold);
        if (call.media == null) {
            return;
        }
        InetSocketAddress where = SdpAnchor.receiveAddress(sdp);
        if (fromCaller) {
            call.media.remoteA(where);
        } else {
            call.calleeMedia.remoteB(where);
        }
    }

    /** SDP from the caller, as the callee must see it: our relay's B side when anchored. */
    private String towardsCallee(SipCall call, String sdp) {
        if (call.media == null) {
            return sdp;
        }
        String rewritten = SdpAnchor.rewrite(sdp, call.calleeMedia.address(), call.calleeMedia.portB());
        return rewritten == null ? sdp : rewritten;
    }

    private String towardsCaller(SipCall call, String sdp) {
        if (call.media == null) {
            return sdp;
        }
        String rewritten = SdpAnchor.rewrite(sdp, call.media.address(), call.media.portA());
        return rewritten == null ? sdp : rewritten;
    }

    private void setSdp(javax.sip.message.Message message, String sdp) {
        try {
            message.setContent(sdp, sdpType());
        } catch (ParseException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private ContentTypeHeader sdpType() throws ParseException {
        return sip.headers().createContentTypeHeader("application", "sdp");
    }

    private static boolean isSdp(javax.sip.message.Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        return type != null && "application".equalsIgnoreCase(type.getContentType()) && "sdp".equalsIgnoreCase(type.getContentSubType());
    }

    private static String body(javax.sip.message.Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    private static String transportOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null ? "UDP" : via.getTransport().toUpperCase();
    }

    /** The call a dialog belongs to: the caller's dialog holds the call itself, a leg's its {@link CallSide}. */
    private static SipCall callOf(Object dialogData) {
        return dialogData instanceof SipCall c ? c : dialogData instanceof CallSide s ? s.call() : null;
    }

    /** Which call, and which side of it, a dialog or transaction of a leg belongs to. */
    /** The referring phone's dialog, to be ended once its last NOTIFY is answered. */
    record ByeAfterNotify(Dialog dialog) {
    }

    record CallSide(SipCall call, Leg leg) {
    }
}
