package se.plus.it.call;

import java.time.Duration;
import java.util.List;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One call of a {@link TestPhone}, in either direction. The phone answers what arrives in the dialog by
 * itself (BYE, INFO, UPDATE and re-INVITE get 200, a re-INVITE's answer mirroring a hold); these methods
 * let a test act as the user and look at what happened. Waits end at the timeout given or, for requests
 * this side sends, after five seconds.
 */
public interface PhoneCall {

    String callId();

    /**
     * Every response received for our INVITE(s) of this call, in order (status codes), e.g. [407, 100,
     * 180, 200]; responses to re-INVITEs are not among them. For incoming calls: empty.
     */
    List<Integer> statuses();

    /** Block until a response to our INVITE with this status has arrived (or had already); null on timeout. */
    Response awaitStatus(int status, Duration timeout) throws InterruptedException;

    /** Block until the other side hangs up (BYE received and answered 200); true if it happened in time. */
    boolean awaitBye(Duration timeout) throws InterruptedException;

    /** Block until a CANCEL arrives for this (incoming) call; the phone answers it 200 and the INVITE 487. */
    boolean awaitCancel(Duration timeout) throws InterruptedException;

    /** Send BYE on the confirmed dialog; the final status of the BYE (e.g. 200), or -1 on timeout. */
    int hangUp() throws Exception;

    /** re-INVITE with our SDP, a=sendonly when holding, a=sendrecv when not; its final status, ACK sent. */
    int reInvite(boolean hold) throws Exception;

    /**
     * UPDATE (RFC 3311) with our SDP offer, a=sendonly when holding, a=sendrecv when not; its final
     * status. The answer in its 2xx becomes {@link #remoteSdp()}.
     */
    int update(boolean hold) throws Exception;

    /** INFO with a body (e.g. "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"); its final status. */
    int info(String contentType, String body) throws Exception;

    /** REFER (RFC 3515) with this {@code Refer-To} value, e.g. {@code <sip:1003@plus.local>}; its final status. */
    int refer(String referTo) throws Exception;

    /** The SDP the other side last sent us (in 180/183/200, INVITE, re-INVITE or ACK), or null. */
    String remoteSdp();

    /** The INVITE that started this call (incoming: what we received; outgoing: what we last sent). */
    Request invite();

    /** Requests received within this call's dialog (BYE, re-INVITE, INFO, UPDATE...); ACK and CANCEL are not. */
    List<Request> inDialogRequests();
}
