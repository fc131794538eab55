package se.plus.adapters.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import se.plus.application.port.out.ClusterPeers;

/**
 * This node among the others of a cluster: it says where it answers SIP, keeps what the others need to
 * end its connected calls should it die, and ends the calls of nodes that died. A call's dialogs and
 * media live on one node; when it dies the phones would hear silence until someone hangs up. A survivor
 * sends each of their dialogs a BYE in the dead node's name (RFC 3261 §15: the same Call-ID, tags and
 * remote target, a CSeq past the dead node's), with {@code Reason: SIP;cause=503}.
 *
 * <p>Each dialog is kept as one line of tab-separated fields: Call-ID, local URI, local tag, remote URI,
 * remote tag, remote target, the CSeq to use, the route set (comma-separated, may be empty).
 */
final class ClusterMembership {

    /** In-dialog requests the dead node may still have sent after the backup (hold, NOTIFY): a margin for the CSeq. */
    static final long CSEQ_MARGIN = 100;
    private static final Logger LOG = Logger.getLogger(ClusterMembership.class.getName());

    private final SipContext sip;
    private final ClusterPeers peers;
    private final String sipAddress;
    private volatile boolean clustered;

    ClusterMembership(SipContext sip, ClusterPeers peers, String sipAddress) {
        this.sip = sip;
        this.peers = peers;
        this.sipAddress = sipAddress;
    }

    /** Every few seconds: this node lives, who else does, and the calls of the nodes that died end. */
    void tick() {
        peers.announce(sipAddress);
        clustered = !peers.others().isEmpty();
        List<String> orphans = peers.orphanedDialogs();
        int ended = 0;
        for (String calls : orphans) {
            for (String dialog : calls.split("\n")) {
                ended += endDialog(dialog) ? 1 : 0;
            }
        }
        if (!orphans.isEmpty()) {
            int dialogs = ended;
            LOG.info(() -> "a node died: its " + orphans.size() + " connected calls ended here, BYE to " + dialogs + " dialogs");
        }
    }

    /** Whether other nodes live: only then is a call's backup worth its write. */
    boolean clustered() {
        return clustered;
    }

    /**
     * What the others need to end this call's dialogs; replaces the last backup. The caller's dialog may
     * not know its local tag yet (our 2xx to the caller is sent after the callee's answer is taken in).
     */
    void keep(String callId, List<Dialog> dialogs, Dialog callerDialog, String callerToTag) {
        var lines = new StringBuilder();
        for (Dialog dialog : dialogs) {
            String line = lineOf(dialog, dialog == callerDialog ? callerToTag : null);
            if (line != null) {
                lines.append(lines.length() == 0 ? "" : "\n").append(line);
            }
        }
        if (lines.length() > 0) {
            try {
                peers.keepDialogs(callId, lines.toString());
            } catch (RuntimeException failure) {
                // The call goes on; only its end after a crash of this node is not in the others' hands.
                LOG.log(Level.WARNING, "dialogs of call " + callId + " not kept by the cluster", failure);
            }
        }
    }

    void drop(String callId) {
        try {
            peers.dropDialogs(callId);
        } catch (RuntimeException failure) {
            // Should this node die, a survivor sends BYE for a call that ended: the phones answer 481.
            LOG.log(Level.WARNING, "dialogs of ended call " + callId + " not dropped from the cluster", failure);
        }
    }

    private static String lineOf(Dialog dialog, String localTagIfUnset) {
        String localTag = dialog == null ? null : dialog.getLocalTag() != null ? dialog.getLocalTag() : localTagIfUnset;
        if (localTag == null || dialog.getRemoteTag() == null || dialog.getRemoteTarget() == null) {
            return null;
        }
        var routes = new ArrayList<String>();
        for (Iterator<?> route = dialog.getRouteSet(); route != null && route.hasNext(); ) {
            routes.add(((RouteHeader) route.next()).getAddress().getURI().toString());
        }
        return String.join("\t", dialog.getCallId().getCallId(), dialog.getLocalParty().getURI().toString(),
                localTag, dialog.getRemoteParty().getURI().toString(), dialog.getRemoteTag(),
                dialog.getRemoteTarget().getURI().toString(), Long.toString(Math.max(0, dialog.getLocalSeqNumber()) + CSEQ_MARGIN),
                String.join(",", routes));
    }

    /** BYE for one kept dialog, sent and forgotten (a phone that no longer has it answers 481). */
    private boolean endDialog(String line) {
        String[] field = line.split("\t", -1);
        if (field.length != 8) {
            return false;
        }
        try {
            URI target = sip.addresses().createURI(field[5]);
            Address from = sip.addresses().createAddress(sip.addresses().createURI(field[1]));
            Address to = sip.addresses().createAddress(sip.addresses().createURI(field[3]));
            String transport = target instanceof SipURI sipTarget && sipTarget.getTransportParam() != null
                    ? sipTarget.getTransportParam().toUpperCase() : "UDP";
            Request bye = sip.messages().createRequest(target, Request.BYE, sip.headers().createCallIdHeader(field[0]),
                    sip.headers().createCSeqHeader(Long.parseLong(field[6]), Request.BYE),
                    sip.headers().createFromHeader(from, field[2]), sip.headers().createToHeader(to, field[4]),
                    List.of(sip.via(transport)), sip.headers().createMaxForwardsHeader(70));
            if (!field[7].isEmpty()) {
                for (String route : field[7].split(",")) {
                    bye.addHeader(sip.headers().createRouteHeader(sip.addresses().createAddress(sip.addresses().createURI(route))));
                }
            }
            bye.addHeader(sip.headers().createHeader("Reason", "SIP;cause=503;text=\"The server carrying the call failed\""));
            sip.provider().getNewClientTransaction(bye).sendRequest();
            return true;
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException failure) {
            LOG.log(Level.FINE, "BYE for a dead node's dialog not sent", failure);
            return false;
        }
    }
}
