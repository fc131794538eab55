package se.plus.adapters.sip;

import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * BYE of a call goes to the B2BUA; of a feature code, the phone hangs up before our tone ends: stop it,
 * say 200 (RFC 3261 §15.1.2); 481 for no dialog of ours.
 */
final class ByeProcessor implements MethodProcessor {

    private final B2bua b2bua;

    ByeProcessor(B2bua b2bua) {
        this.b2bua = b2bua;
    }

    @Override
    public String method() {
        return Request.BYE;
    }

    @Override
    public void process(RequestEvent event, SipContext sip) {
        Dialog dialog = event.getDialog();
        ServerTransaction transaction = event.getServerTransaction() != null
                ? event.getServerTransaction() : sip.transactionFor(event.getRequest());
        if (transaction == null) {
            return;
        }
        if (dialog != null && dialog.getApplicationData() instanceof FeatureCall call) {
            call.stopTone();
            sip.reply(transaction, Response.OK);
        } else if (!b2bua.bye(event, transaction)) {
            sip.reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }
}
