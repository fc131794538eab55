package se.plus.it.call;

import javax.sip.ResponseEvent;

/** Whoever waits on a client transaction; kept as the transaction's application data. */
interface ClientHandler {

    void onResponse(ResponseEvent event) throws Exception;

    void onTimeout();
}
