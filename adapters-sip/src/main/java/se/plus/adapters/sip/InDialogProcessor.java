package se.plus.adapters.sip;

import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;

/** UPDATE and INFO (RFC 3311, RFC 6086) inside a call: carried to the other side; 481 outside any call. */
final class InDialogProcessor implements MethodProcessor {

    private final String method;
    private final B2bua b2bua;

    InDialogProcessor(String method, B2bua b2bua) {
        this.method = method;
        this.b2bua = b2bua;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public void process(RequestEvent event, SipContext sip) {
        ServerTransaction transaction = event.getServerTransaction() != null
                ? event.getServerTransaction() : sip.transactionFor(event.getRequest());
        if (transaction != null && !b2bua.inDialog(event, transaction)) {
            sip.reply(transaction, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        }
    }
}
