package se.plus.adapters.sip;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import se.plus.adapters.sip.media.MediaSession;
import se.plus.domain.call.LiveCall;

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
        /** CSeq of the leg's answered INVITE: what its ACK carries. */
        long answeredCseq;

        Leg(String id, ClientTransaction invite, Dialog dialog) {
            this.id = id;
            this.invite = invite;
            this.dialog = dialog;
        }
    }

    /** A request relayed from one side to the other, waiting for the other side's final answer. */
    record Relay(SipCall call, ServerTransaction from, boolean fromCaller) {
    }

    /** An ACK the other side is owed once this side's ACK arrives (2xx of an INVITE we relayed). */
    record OwedAck(Dialog dialog, long cseq) {
    }

    final LiveCall call;
    final ServerTransaction callerInvite;
    final Dialog callerDialog;
    final String callerToTag;
    final String inviteBranch;
    final MediaSession media;
    final Map<String, Leg> legs = new LinkedHashMap<>();
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
    /** When the call ended (nanoTime), 0 before. */
    long endedNanos;

    SipCall(LiveCall call, ServerTransaction callerInvite, Dialog callerDialog, String callerToTag, String inviteBranch,
            MediaSession media) {
        this.call = call;
        this.callerInvite = callerInvite;
        this.callerDialog = callerDialog;
        this.callerToTag = callerToTag;
        this.inviteBranch = inviteBranch;
        this.media = media;
    }

    Leg answered() {
        return call.answeredLeg().map(legs::get).orElse(null);
    }
}
