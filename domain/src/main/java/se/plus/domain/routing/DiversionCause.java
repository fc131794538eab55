package se.plus.domain.routing;

/**
 * Why a call left the user it was meant for, as the headers of a diverted call name it: the cause of
 * History-Info (RFC 7044, with the codes of RFC 4458) and the reason of Diversion (RFC 5806).
 */
public enum DiversionCause {
    /** Unconditional forwarding. */
    UNCONDITIONAL(302, "unconditional"),
    /** The active profile forwards or sends to voicemail (the user is away). */
    PROFILE(302, "away"),
    /** Every device busy, or in a call with call waiting off. */
    BUSY(486, "user-busy"),
    /** Nobody answered within the no-answer delay. */
    NO_ANSWER(408, "no-answer"),
    /** No registered device to ring. */
    UNAVAILABLE(503, "unavailable"),
    /** The user sent the ongoing call on ({@code *59*}): RFC 4458's immediate deflection. */
    DEFLECTION(487, "deflection");

    private final int sipCause;
    private final String reason;

    DiversionCause(int sipCause, String reason) {
        this.sipCause = sipCause;
        this.reason = reason;
    }

    /** The {@code cause} of History-Info and of a voicemail URI (RFC 4458). */
    public int sipCause() {
        return sipCause;
    }

    /** The {@code reason} of a Diversion header (RFC 5806). */
    public String reason() {
        return reason;
    }
}
