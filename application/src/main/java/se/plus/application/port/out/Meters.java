package se.plus.application.port.out;

import se.plus.application.port.in.EntryPoint;

/**
 * What an operator's dashboards count, as it happens: calls and codes by how they ended, requests the
 * server turned away because it was overloaded. Kept by the application server's metrics subsystem
 * (README, "Metrics"), not by us; what is merely "how many now" (registrations, live calls, the outbox)
 * the adapter reads from the other ports when it is asked.
 *
 * <p>Counting must never fail or slow down the work it counts.
 */
public interface Meters {

    /** A call ended and was recorded, with its record's outcome: ANSWERED, BUSY, NO_ANSWER, VOICEMAIL … */
    void callEnded(String outcome);

    /**
     * A dial string (a plus-service code) was carried out: {@code DONE}, or the code it was refused with
     * (INVALID_CODE, NOT_ALLOWED …), and through which door it came.
     */
    void codeExecuted(String outcome, EntryPoint via);

    /** A request of {@code method} answered 503 at once because the server was saturated (load shedding). */
    void requestShed(String method);
}
