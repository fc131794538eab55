package se.plus.application.port.out;

import java.util.List;
import java.util.Optional;
import se.plus.domain.number.Extension;

/**
 * The other nodes of a cluster, for what one node must hand to another: a call's dialogs live on the
 * node that carries it, so a request about that call that reached another node is sent on to it. On a
 * single server there are no others.
 */
public interface ClusterPeers {

    /** This node answers SIP at {@code sipAddress} ({@code host:port}); said again every few seconds while it lives. */
    void announce(String sipAddress);

    /** The SIP addresses of the other nodes that announced themselves lately, in no particular order. */
    List<String> others();

    /**
     * A one-time pass that vouches for {@code user}, whom this node authenticated, to the node a request
     * is handed to (that node cannot check a digest made for this one's request).
     */
    String issuePass(Extension user);

    /** Whom the pass vouches for, once: empty when it is unknown, used or old. */
    Optional<Extension> redeemPass(String pass);

    /** The pass is no longer needed (its request was answered); a no-op when it was redeemed. */
    void withdrawPass(String pass);

    /**
     * What another node needs to end this connected call's dialogs should this node die ({@code dialogs}
     * in the SIP adapter's own words); replaces what was kept for the call before.
     */
    void keepDialogs(String callId, String dialogs);

    /** The call ended here: nothing to end for it. */
    void dropDialogs(String callId);

    /**
     * The dialogs kept by nodes that died (not heard of for a while), each handed to exactly one node
     * that asks, and forgotten as it is handed over.
     */
    List<String> orphanedDialogs();
}
