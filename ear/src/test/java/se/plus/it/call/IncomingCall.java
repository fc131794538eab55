package se.plus.it.call;

import java.time.Duration;

/** A call that reached this phone; how it is answered is the phone's {@link TestPhone.Answer} mode. */
public interface IncomingCall extends PhoneCall {

    /** Block until the ACK for our 2xx arrives. */
    boolean awaitAck(Duration timeout) throws InterruptedException;

    /** Answer now (for {@link TestPhone.Answer#RING_ONLY}): 200 with our SDP; fails if no longer ringing. */
    void answerNow() throws Exception;
}
