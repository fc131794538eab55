package se.plus.adapters.sip;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import se.plus.adapters.sip.media.MediaSession;
import se.plus.adapters.sip.voicemail.Recording;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.domain.call.LiveCall;
import se.plus.adapters.sip.incall.InCallKeys;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.routing.Diversion;

/**
 * The SIP side of one call: the caller's INVITE and dialog, one client transaction and dialog per
 * leg, the anchored media. The call's rules live in {@link LiveCall}; this holds what carries them out.
 * Every access is under the object's own lock (the stack delivers one call's events on several threads).
 */
final class SipCall {

    /** One offer of the call to one device or to the trunk. */
    static final class Leg {
        final String id;
        final ClientTransaction invite;
        final Dialog dialog;
        /** The user whose device it rings; empty for the trunk or a voicemail server. */
        final Optional<Extension> user;
        /** CSeq of the leg's answered INVITE: what its ACK carries. */
        long answeredCseq;
        /** The final status the leg answered (0 while it rings): what the call record says of it. */
        int finalStatus;
        /** The phone sent REFER: it is told "200 OK" in a NOTIFY before it is released. */
        boolean referPending;
        /** The device's dialect, from the User-Agent of its answer: how its in-call keys are read. */
        Dialect dialect = Dialect.TERMINAL;

        Leg(String id, ClientTransaction invite, Dialog dialog, Optional<Extension> user) {
            this.id = id;
            this.invite = invite;
            this.dialog = dialog;
            this.user = user;
        }

        /** Whom the leg called: its request-URI, or the picker's own address for a pickup (no INVITE of ours). */
        String target() {
            return invite != null ? invite.getRequest().getRequestURI().toString()
                    : String.valueOf(dialog.getRemoteParty().getURI());
        }
    }

    /** A request relayed from one side to the other, waiting for the other side's final answer. */
    record Relay(SipCall call, ServerTransaction from, boolean fromCaller) {
    }

    /** An ACK the other side is owed once this side's ACK arrives (2xx of an INVITE we relayed). */
    record OwedAck(Dialog dialog, long cseq) {
    }

    final LiveCall call;
    /** What the caller dialled, and when (wall clock): for the call record. */
    final String dialled;
    final Instant startedAt;
    Instant answeredAt;
    /** The diversions of the route followed last. */
    List<Diversion> diversions = List.of();
    /** The final status the caller was given (0 while it rings or once answered). */
    int finalStatus;
    final ServerTransaction callerInvite;
    final Dialog callerDialog;
    final String callerToTag;
    final String inviteBranch;
    final MediaSession media;
    /** Max-Forwards of every INVITE we send for this call (the caller's, decremented). */
    final int maxForwards;
    final Map<String, Leg> legs = new LinkedHashMap<>();
    /** The caller's SDP offer as the callee side sees it; null for a delayed offer. */
    String offerToCallee;
    /** The route being carried out: what rings now, and what follows on no answer or busy. */
    CallRoute route;
    /** Counts the routes followed: a no-answer timer acts only on the stage it was set for. */
    long stage;
    ScheduledFuture<?> noAnswerTimer;
    /** The built-in voicemail's recording, when it answered the call. */
    Recording voicemail;
    /** The leg whose early SDP the caller was given: only one leg's early media can reach the caller. */
    String earlyMediaLeg;
    /** Owed to the callee once the caller ACKs our 2xx (the caller's ACK may carry the SDP answer). */
    OwedAck owedToCallee;
    /** Owed to the caller once the callee ACKs a re-INVITE the caller sent (and the other way round). */
    OwedAck owedToOtherSide;
    boolean owedByCaller;
    /** An INVITE relayed in either direction is waiting for its answer: a second one is glare (491). */
    boolean reInviteInProgress;
    boolean callerAcked;
    boolean onHold;
    boolean released;
    /** The dialogs the other nodes of a cluster keep for this call (null: none kept). */
    List<javax.sip.Dialog> keptDialogs;
    /** When the call ended (nanoTime), 0 before. */
    long endedNanos;
    /** The caller's dialect: how its in-call keys are read. */
    Dialect callerDialect = Dialect.TERMINAL;
    /** When the ringing stage began: the call itself, or a direct transfer's new ringing. */
    long ringingSinceNanos;
    /** In-call keys of each side, collected into codes (created at the first key). */
    InCallKeys callerKeys;
    InCallKeys calleeKeys;
    /** An announced transfer's media: the user and the consulted party; the caller's once it completes. */
    MediaSession consultMedia;
    /** The user hung up while the consulted party still rang: the transfer completes when they answer. */
    boolean completeOnAnswer;
    ScheduledFuture<?> consultTimer;
    /**
     * Click-to-dial: the number the user calls once a device answered; set on the half that rings the
     * user. Both halves have no caller dialog of their own ({@link #placedByUs()}).
     */
    String clickToDial;
    /** The other half of a click-to-dial: when one ends, so does the other. */
    SipCall partner;
    /**
     * What the call's record tells besides the route's own trace: the trace of routes an in-call action
     * left behind (a transfer rings anew) with that action, and the actions that changed no route.
     */
    final List<RouteCallUseCase.Explanation> traceBefore = new java.util.ArrayList<>();
    final List<RouteCallUseCase.Explanation> traceAfter = new java.util.ArrayList<>();
    /** The hold tone the caller hears while a transfer is announced. */
    RtpStream holdTone;

    /** The media session whose side B the callee side talks to: the consulted party's once a transfer completed. */
    MediaSession calleeMedia;

    SipCall(LiveCall call, String dialled, ServerTransaction callerInvite, Dialog callerDialog, String callerToTag,
            String inviteBranch, MediaSession media, int maxForwards) {
        this.dialled = dialled;
        this.startedAt = Instant.now();
        this.maxForwards = maxForwards;
        this.call = call;
        this.callerInvite = callerInvite;
        this.callerDialog = callerDialog;
        this.callerToTag = callerToTag;
        this.inviteBranch = inviteBranch;
        this.media = media;
        this.calleeMedia = media;
    }

    /** A call we placed ourselves (click-to-dial): no caller INVITE to answer, no caller dialog. */
    boolean placedByUs() {
        return callerInvite == null;
    }

    Leg answered() {
        return call.answeredLeg().map(legs::get).orElse(null);
    }
}
