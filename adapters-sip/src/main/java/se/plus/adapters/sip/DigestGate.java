package se.plus.adapters.sip;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.adapters.sip.DigestAuthenticator.Authenticated;
import se.plus.adapters.sip.DigestAuthenticator.Challenge;
import se.plus.adapters.sip.DigestAuthenticator.Refuse;
import se.plus.domain.number.Extension;

/**
 * What every authenticated method (REGISTER, INVITE) goes through before its own work: shed load with
 * 503, challenge statelessly (401 for REGISTER, 407 for INVITE) until the request carries an answer
 * that names it, open the server transaction, then check the answer on a worker, where the credentials lookup may
 * block. Only an authenticated user reaches the method's handler; a wrong answer is challenged again,
 * then 403, the same whether or not the extension exists.
 */
final class DigestGate {

    private static final Logger LOG = Logger.getLogger(DigestGate.class.getName());

    private final DigestAuthenticator authenticator;
    private final DigestChallenges challenges;
    private final SipWorkers workers;

    DigestGate(DigestAuthenticator authenticator, DigestChallenges challenges, SipWorkers workers) {
        this.authenticator = authenticator;
        this.challenges = challenges;
        this.workers = workers;
    }

    /** The method's work for an authenticated user, on a worker thread. */
    interface Handler {
        void handle(ServerTransaction transaction, Extension user, String source, Timing timing);
    }

    /** When the request arrived, when a worker took it, when its credentials were checked (nanoTime). */
    record Timing(long arrived, long started, long authenticated) {
    }

    void admit(Request request, SipContext sip, Handler handler) {
        if (workers.overloaded() || sip.saturated()) {
            sip.sendBusy(request);
            return;
        }
        boolean proxy = Request.INVITE.equals(request.getMethod());
        Optional<DigestResponse> answer = challenges.answerIn(request, proxy);
        if (answer.isEmpty() || !DigestChallenges.namesRequest(answer.get(), request)) {
            // Challenged statelessly, as SIP proxies do: no transaction for half of all INVITEs, and no 407
            // resent by Timer G when the phone's ACK crosses our response (a retransmitted request simply
            // gets a fresh challenge; the ACK of the 407 matches nothing and is dropped).
            sip.send(challenges.challenge(request, proxy, false, sip));
            return;
        }
        ServerTransaction transaction = sip.transactionFor(request);
        if (transaction == null) {
            return;
        }
        String source = SipContext.source(request);
        long arrived = System.nanoTime();
        if (!workers.offer(() -> check(transaction, answer.get(), source, proxy, sip, handler, arrived))) {
            sip.replyBusy(transaction);
        }
    }

    private void check(ServerTransaction transaction, DigestResponse answer, String source, boolean proxy, SipContext sip,
                       Handler handler, long arrived) {
        Request request = transaction.getRequest();
        long started = System.nanoTime();
        try {
            var decision = authenticator.authenticate(request.getMethod(), answer, source, sip.now());
            if (decision instanceof Challenge challenge) {
                sip.reply(transaction, challenges.challenge(request, proxy, challenge.stale(), sip));
            } else if (decision instanceof Refuse) {
                sip.reply(transaction, Response.FORBIDDEN);
            } else if (decision instanceof Authenticated user) {
                handler.handle(transaction, user.extension(), source, new Timing(arrived, started, System.nanoTime()));
            }
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, request.getMethod() + " failed", failure);
            sip.reply(transaction, Response.SERVER_INTERNAL_ERROR);
        }
    }
}
