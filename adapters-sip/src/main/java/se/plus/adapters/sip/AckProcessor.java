package se.plus.adapters.sip;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.SipException;
import javax.sip.message.Request;

/**
 * The ACK of a call's 2xx goes to the B2BUA. The ACK of a done feature code's 200: the dialog is confirmed, the confirmation tone plays, and the
 * server hangs up with BYE (contract: "plays a short confirmation tone ... and sends BYE"). An ACK of
 * a failure response never gets here (its INVITE transaction absorbs it, RFC 3261 §17.2.1).
 */
final class AckProcessor implements MethodProcessor {

    private static final Logger LOG = Logger.getLogger(AckProcessor.class.getName());

    private final TonePlayer tones;
    private final B2bua b2bua;

    AckProcessor(TonePlayer tones, B2bua b2bua) {
        this.tones = tones;
        this.b2bua = b2bua;
    }

    @Override
    public String method() {
        return Request.ACK;
    }

    @Override
    public void process(RequestEvent event, SipContext sip) {
        Dialog dialog = event.getDialog();
        if (dialog == null || !(dialog.getApplicationData() instanceof FeatureCall call)) {
            b2bua.ack(event);
            return;
        }
        if (!call.firstAck()) {
            return;
        }
        // Our 200 was an offer when the INVITE had none: the ACK carries the answer (RFC 3264 §4).
        byte[] body = event.getRequest().getRawContent();
        Optional<Sdp.AudioOffer> media = call.offer().or(() -> Sdp.audioOf(body == null ? null : new String(body, StandardCharsets.UTF_8)))
                .filter(Sdp.AudioOffer::receivesMedia);
        InetSocketAddress to = media.map(m -> new InetSocketAddress(m.address(), m.port())).orElse(null);
        call.playing(tones.play(to, Tone.CONFIRMATION, () -> hangUp(dialog, sip)));
    }

    static void hangUp(Dialog dialog, SipContext sip) {
        if (dialog.getState() != DialogState.CONFIRMED) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction transaction = sip.provider().getNewClientTransaction(bye);
            dialog.sendRequest(transaction);
        } catch (SipException | RuntimeException failure) {
            LOG.log(Level.FINE, "BYE not sent", failure);
        }
    }
}
