package se.plus.domain.dialstring;

/**
 * One plus-service request, whatever it came from: a dial string parsed by {@link DialStringParser}, or
 * a REST or JMS command built directly. {@link DialStringRenderer} turns it back into digits.
 */
public sealed interface ServiceCommand
        permits ActivateForwarding, DeactivateForwarding, QueryForwarding,
        ActivateProfile, DeactivateProfile, QueryProfile,
        QueueLogIn, QueueLogOut, QueryQueue,
        CallWaiting, QueryCallWaiting,
        Pickup, HiddenNumberCall, Transfer, TakeBack, SendToVoicemail, BypassCall {

    /** Stable upper-case service name: FORWARDING_UNCONDITIONAL, PROFILE, QUEUE, CALL_WAITING, PICKUP… */
    String service();

    /** Stable upper-case action within the service: ACTIVATE, DEACTIVATE, QUERY, LOG_IN… */
    String action();

    /**
     * True for codes that place or act on a call (pickup, hidden-number call, transfer, take-back,
     * voicemail, bypass). They need a phone; REST and JMS refuse them with NOT_ALLOWED.
     */
    default boolean requiresCall() {
        return false;
    }

    /** The context in which the code is keyed; transfer and take-back exist only during a call. */
    default DialContext context() {
        return DialContext.DIALLED;
    }
}
