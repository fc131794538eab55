package se.plus.adapters.sip;

import java.text.ParseException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * CANCEL of a call goes to the B2BUA. CANCEL of a feature-code INVITE still without a final response (RFC 3261 §9.2): 200 to the CANCEL,
 * 487 to the INVITE, the error tone stopped. A code whose use case already ran keeps its effect (the
 * change was committed before the CANCEL came); the phone just does not hear about it.
 */
final class CancelProcessor implements MethodProcessor {

    private static final Logger LOG = Logger.getLogger(CancelProcessor.class.getName());

    private final FeatureCodeInvites invites;
    private final B2bua b2bua;

    CancelProcessor(FeatureCodeInvites invites, B2bua b2bua) {
        this.invites = invites;
        this.b2bua = b2bua;
    }

    @Override
    public String method() {
        return Request.CANCEL;
    }

    @Override
    public void process(RequestEvent event, SipContext sip) {
        Request cancel = event.getRequest();
        FeatureCall call = invites.cancelled(InviteProcessor.branchOf(cancel));
        // The stack may already have made the CANCEL's transaction (it matches it to the INVITE's).
        ServerTransaction transaction = event.getServerTransaction() != null
                ? event.getServerTransaction() : sip.transactionFor(cancel);
        if (call == null && b2bua.cancel(InviteProcessor.branchOf(cancel), transaction)) {
            return;
        }
        if (call == null) {
            // Nothing pending (already answered, or never seen): 481 per §9.2; retransmissions are absorbed.
            if (transaction != null) {
                sip.reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            }
            return;
        }
        if (transaction != null) {
            sip.reply(transaction, Response.OK);
        }
        if (call.claimFinal()) {
            call.stopTone();
            try {
                Response terminated = sip.messages().createResponse(Response.REQUEST_TERMINATED, call.invite().getRequest());
                ((ToHeader) terminated.getHeader(ToHeader.NAME)).setTag(call.toTag());
                call.invite().sendResponse(terminated);
            } catch (ParseException | SipException | javax.sip.InvalidArgumentException | RuntimeException failure) {
                LOG.log(Level.FINE, "487 not sent", failure);
            }
        }
    }
}
