package se.plus.application.port.out;

import java.time.Instant;

/**
 * Digest nonces already used (RFC 7616 §3.4), kept where every node of a cluster sees them: a phone's next
 * request may reach another node, and a replay must fail on every node. Also the key nonces are signed
 * with, one for the whole cluster, so that a nonce issued by one node is good on another.
 */
public interface UsedNonces {

    /** The signing key (32 bytes): made by the first node that asks, then the same for every node. */
    byte[] signingKey();

    /**
     * Records a use of {@code nonce} with {@code count}: true when no use with this count or a higher
     * one was recorded before (then it is remembered until {@code expires}), false for a replay.
     */
    boolean firstUse(String nonce, long count, Instant expires);

    /** Housekeeping: nonces whose expiry has passed are forgotten. */
    void forgetExpired(Instant now);

    /** How many used nonces are remembered (cost grows with the number: housekeeping only). */
    int remembered();
}
