package se.plus.it.call;

import java.time.Duration;

/** A call this phone made: its INVITE is answered 407 with digest and its 2xx ACKed automatically. */
public interface OutgoingCall extends PhoneCall {

    /**
     * CANCEL the INVITE once a provisional response has come (waiting for one if need be); the status of
     * the INVITE's final response (expected 487; 200 if the answer crossed the CANCEL, and then the call
     * is established and ACKed), or -1 on timeout.
     */
    int cancel() throws Exception;

    /**
     * The final status of the CANCEL this phone sent as the 2xx arrived ({@link TestPhone#cancelAsAnswered}):
     * RFC 3261 §9.2 allows 200 (it had no effect) or 481 (no such transaction any more); -1 if none came
     * within five seconds or none was sent.
     */
    int crossingCancelStatus() throws InterruptedException;

    /** Block until the 200 arrived and the ACK was sent (with our SDP answer when we sent no offer). */
    boolean awaitAnswered(Duration timeout) throws InterruptedException;
}
