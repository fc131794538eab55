package se.plus.adapters.sip;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sip.ServerTransaction;

/**
 * One feature-code INVITE from its arrival to its end: exactly one final response (ours or the 487 of
 * a CANCEL, whichever comes first), then for a done code the tone after the ACK and our BYE.
 */
final class FeatureCall {

    private final ServerTransaction invite;
    private final String toTag;
    private final Optional<Sdp.AudioOffer> offer;
    private final AtomicBoolean finalSent = new AtomicBoolean();
    private final AtomicBoolean acked = new AtomicBoolean();
    private volatile RtpStream tone;

    FeatureCall(ServerTransaction invite, String toTag, Optional<Sdp.AudioOffer> offer) {
        this.invite = invite;
        this.toTag = toTag;
        this.offer = offer;
    }

    ServerTransaction invite() {
        return invite;
    }

    String toTag() {
        return toTag;
    }

    Optional<Sdp.AudioOffer> offer() {
        return offer;
    }

    /** True for the one caller that may send the final response. */
    boolean claimFinal() {
        return finalSent.compareAndSet(false, true);
    }

    /** True for the first ACK only (a retransmitted 200 draws a retransmitted ACK). */
    boolean firstAck() {
        return acked.compareAndSet(false, true);
    }

    void playing(RtpStream stream) {
        this.tone = stream;
    }

    /** Stops the tone and whatever would have followed it (the phone hung up or cancelled). */
    void stopTone() {
        RtpStream stream = tone;
        if (stream != null) {
            stream.stop();
        }
    }
}
