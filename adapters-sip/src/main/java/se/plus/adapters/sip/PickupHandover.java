package se.plus.adapters.sip;

import java.text.ParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WarningHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import se.plus.application.port.out.ClusterPeers;
import se.plus.domain.number.Extension;

/**
 * A pickup whose call rings on another node of the cluster. The call's dialogs live on the node that
 * carries it, so the picker's INVITE is sent on to the other nodes in turn, this node acting as a
 * transaction-stateful proxy that stays out of the dialog (no Record-Route): the node that carries the
 * call answers the picker and holds the new dialog, and the phone's ACK, BYE and re-INVITEs go there
 * directly. Instead of the phone's digest (made for this node's request-URI and nonce count) the INVITE
 * carries a one-time pass ({@link #PASS}) that names the picker this node authenticated.
 *
 * <p>A node where nothing rings answers 480 {@code SERVICE_NOT_ACTIVE} and the next is asked; a node that
 * does not answer within {@link #PEER_SILENCE_MS} is skipped; when no node has the call, the picker
 * hears the refusal this node would have given. Anything else a node answers is the picker's answer.
 */
final class PickupHandover {

    /** The header with the pass (RFC 6648: no "X-"). */
    static final String PASS = "Plus-Handover";
    /** A live node answers 100 Trying at once; one that stays silent this long is passed over. */
    static final long PEER_SILENCE_MS = 2_000;

    private static final Logger LOG = Logger.getLogger(PickupHandover.class.getName());

    private final SipContext sip;
    private final ClusterPeers peers;
    private final ScheduledExecutorService timers;
    /** Attempts still without a final answer to the phone, by the branch of its INVITE (what its CANCEL carries). */
    private final Map<String, Attempt> pending = new ConcurrentHashMap<>();

    PickupHandover(SipContext sip, ClusterPeers peers, ScheduledExecutorService timers) {
        this.sip = sip;
        this.peers = peers;
        this.timers = timers;
    }

    /** One picker's INVITE on its way round the other nodes. */
    static final class Attempt {
        private final ServerTransaction invite;
        private final Extension picker;
        private final Deque<String> nodes;
        private final Runnable refuseHere;
        private ClientTransaction current;
        private String pass;
        private boolean heard;
        private boolean cancelled;
        private boolean answered;

        private Attempt(ServerTransaction invite, Extension picker, Deque<String> nodes, Runnable refuseHere) {
            this.invite = invite;
            this.picker = picker;
            this.nodes = nodes;
            this.refuseHere = refuseHere;
        }
    }

    /**
     * Sends the picker's INVITE to the other nodes, one after the other; {@code refuseHere} answers the
     * phone when none has the call (and at once on a single server).
     */
    void start(ServerTransaction invite, Extension picker, Runnable refuseHere) {
        Deque<String> nodes;
        try {
            nodes = new ArrayDeque<>(peers.others());
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "the other nodes not known: the pickup is refused here", failure);
            nodes = new ArrayDeque<>();
        }
        if (nodes.isEmpty()) {
            refuseHere.run();
            return;
        }
        var attempt = new Attempt(invite, picker, nodes, refuseHere);
        String branch = InviteProcessor.branchOf(invite.getRequest());
        if (branch != null) {
            pending.put(branch, attempt);
        }
        synchronized (attempt) {
            askNext(attempt);
        }
    }

    /** Whether the INVITE carries a pass: another node handed it over, and nothing is handed on again. */
    static boolean handedOver(Request request) {
        return request.getHeader(PASS) != null;
    }

    static String passOf(Request request) {
        return SipContext.headerValue(request, PASS);
    }

    private void askNext(Attempt attempt) {
        withdraw(attempt);
        while (!attempt.cancelled) {
            String node = attempt.nodes.poll();
            if (node == null) {
                break;
            }
            try {
                attempt.pass = peers.issuePass(attempt.picker);
                attempt.heard = false;
                ClientTransaction sent = sip.provider().getNewClientTransaction(handedTo(attempt, node));
                sent.setApplicationData(attempt);
                attempt.current = sent;
                sent.sendRequest();
                timers.schedule(() -> silent(attempt, sent), PEER_SILENCE_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (ParseException | SipException | InvalidArgumentException | RuntimeException failure) {
                LOG.log(Level.FINE, "pickup not handed to " + node, failure);
                withdraw(attempt);
            }
        }
        finish(attempt);
        if (attempt.cancelled) {
            sip.reply(attempt.invite, Response.REQUEST_TERMINATED);
        } else {
            attempt.refuseHere.run();
        }
    }

    /** The phone's INVITE for {@code node}: its request-URI, a Via of ours on top, the pass instead of the digest. */
    private Request handedTo(Attempt attempt, String node) throws ParseException, InvalidArgumentException, SipException {
        Request request = (Request) attempt.invite.getRequest().clone();
        SipURI target = (SipURI) request.getRequestURI().clone();
        int colon = node.lastIndexOf(':');
        target.setHost(node.substring(0, colon));
        target.setPort(Integer.parseInt(node.substring(colon + 1)));
        target.setTransportParam("udp");
        request.setRequestURI(target);
        request.removeHeader(AuthorizationHeader.NAME);
        request.removeHeader(ProxyAuthorizationHeader.NAME);
        request.removeHeader(RouteHeader.NAME);
        MaxForwardsHeader forwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (forwards != null) {
            forwards.decrementMaxForwards();
        }
        request.addHeader(sip.headers().createHeader(PASS, attempt.pass));
        ViaHeader ours = sip.via("UDP");
        request.addFirst(ours);
        return request;
    }

    /** A node's answer: provisional ones go to the phone, a final one ends the attempt or sends it on. */
    void response(Attempt attempt, Response response, ClientTransaction from) {
        int status = response.getStatusCode();
        synchronized (attempt) {
            if (from != null && from != attempt.current) {
                return;
            }
            attempt.heard = true;
            if (status == Response.TRYING) {
                return;
            }
            if (attempt.answered) {
                if (status / 100 == 2) {
                    relayStatelessly(response);
                }
                return;
            }
            if (status < 200) {
                relay(attempt, response);
                return;
            }
            if (status == Response.TEMPORARILY_UNAVAILABLE && nothingRings(response) && !attempt.cancelled) {
                askNext(attempt);
                return;
            }
            withdraw(attempt);
            finish(attempt);
            relay(attempt, response);
        }
    }

    /** A node that timed out (no answer to the INVITE at all) is passed over. */
    void timeout(Attempt attempt, ClientTransaction from) {
        synchronized (attempt) {
            if (from == attempt.current && !attempt.answered) {
                askNext(attempt);
            }
        }
    }

    private void silent(Attempt attempt, ClientTransaction sent) {
        synchronized (attempt) {
            if (sent != attempt.current || attempt.heard || attempt.answered) {
                return;
            }
            LOG.info(() -> "a node said nothing to a pickup handed to it in " + PEER_SILENCE_MS + " ms; the next is asked");
            attempt.current = null;
            askNext(attempt);
        }
    }

    /**
     * CANCEL of a handed-over INVITE: 200, and CANCEL to the node that has it; its 487 (or a 2xx that
     * crossed the CANCEL) reaches the phone as any answer. False when the branch is not handed over.
     */
    boolean cancel(String branch, ServerTransaction cancelTransaction) {
        Attempt attempt = branch == null ? null : pending.get(branch);
        if (attempt == null) {
            return false;
        }
        if (cancelTransaction != null) {
            sip.reply(cancelTransaction, Response.OK);
        }
        synchronized (attempt) {
            attempt.cancelled = true;
            if (attempt.current != null && attempt.heard) {
                try {
                    sip.provider().getNewClientTransaction(attempt.current.createCancel()).sendRequest();
                    return true;
                } catch (SipException | RuntimeException failure) {
                    LOG.log(Level.FINE, "CANCEL not handed on", failure);
                }
            }
            if (!attempt.answered && !attempt.heard) {
                // Nothing heard from the node yet (RFC 3261 §9.1: no CANCEL before a provisional answer):
                // the phone is answered now, and whatever the node says later goes nowhere but its own 2xx.
                finish(attempt);
                withdraw(attempt);
                sip.reply(attempt.invite, Response.REQUEST_TERMINATED);
            }
        }
        return true;
    }

    int pending() {
        return pending.size();
    }

    private static boolean nothingRings(Response response) {
        WarningHeader warning = (WarningHeader) response.getHeader(WarningHeader.NAME);
        return warning != null && warning.getText() != null && warning.getText().startsWith("SERVICE_NOT_ACTIVE");
    }

    private void relay(Attempt attempt, Response response) {
        Response out = (Response) response.clone();
        out.removeFirst(ViaHeader.NAME);
        try {
            attempt.invite.sendResponse(out);
        } catch (SipException | InvalidArgumentException | RuntimeException failure) {
            LOG.log(Level.FINE, "answer of a handed-over pickup not relayed", failure);
        }
    }

    /** A retransmitted 2xx (the phone's ACK went to the node, but was lost): on to the phone by its Via. */
    private void relayStatelessly(Response response) {
        Response out = (Response) response.clone();
        out.removeFirst(ViaHeader.NAME);
        try {
            sip.provider().sendResponse(out);
        } catch (SipException | RuntimeException failure) {
            LOG.log(Level.FINE, "retransmitted 2xx not relayed", failure);
        }
    }

    private void finish(Attempt attempt) {
        attempt.answered = true;
        String branch = InviteProcessor.branchOf(attempt.invite.getRequest());
        if (branch != null) {
            pending.remove(branch, attempt);
        }
    }

    private void withdraw(Attempt attempt) {
        if (attempt.pass != null) {
            peers.withdrawPass(attempt.pass);
            attempt.pass = null;
        }
    }
}
