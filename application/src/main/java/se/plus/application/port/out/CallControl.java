package se.plus.application.port.out;

import java.util.Optional;
import se.plus.application.port.in.RouteCallUseCase.CallRoute;
import se.plus.domain.call.CallParty;
import se.plus.domain.call.RingingCall;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.TransferMode;

/**
 * Carries out what the rules decided about a call in progress: the phone adapter, which holds the
 * call's dialogs and media. Each answer is false when the call ended or changed meanwhile (the
 * decision was taken on what the registry said a moment before).
 */
public interface CallControl {

    /** The call ringing at one of {@code user}'s devices now (a direct one first), as {@code *80*} sees it. */
    Optional<Ringing> ringingAt(Extension user);

    /** What the in-call rules need to know of a call in progress, read under the call's own lock. */
    Optional<Ongoing> ongoing(String callId);

    record Ringing(String callId, RingingCall call, CallParty caller) {
    }

    /**
     * @param caller            who placed the call
     * @param answeredBy        the user talking to the caller, if a user answered
     * @param consultation      the target of an announced transfer in progress
     */
    record Ongoing(String callId, CallParty caller, Optional<Extension> answeredBy, Optional<PhoneNumber> consultation) {
    }

    /**
     * DIRECT: the caller rings at {@code route} at once and {@code by} is released. ANNOUNCED: the
     * caller waits (hold tone) while {@code by} is put through to {@code route}; hanging up completes,
     * {@code *} takes the caller back.
     */
    boolean transfer(String callId, Extension by, PhoneNumber target, TransferMode mode, CallRoute route);

    /** A call in progress as call control shows it (REST), read under the call's own lock. */
    Optional<LiveCallView> live(String callId);

    /** The calls in progress that {@code user} places, rings at, or talks in. */
    java.util.List<LiveCallView> liveCallsOf(Extension user);

    /**
     * Pickup by call control: the call, still ringing, rings at {@code route} (the picker's devices)
     * instead; false when it no longer rings or another pickup came first.
     */
    boolean pickUpTo(String callId, Extension picker, CallRoute route);

    /**
     * Click-to-dial: {@code route} rings the user's devices; when one answers, the user calls
     * {@code to} as if dialled there. The new call's id, or empty when it could not be placed.
     */
    Optional<String> placeCall(Extension user, CallRoute route, String to);

    /**
     * An attended transfer by REFER with Replaces: {@code by} answered call {@code callId} and placed
     * {@code otherCallId}; both of their legs are released and the two other parties talk to each other.
     */
    boolean join(String callId, String otherCallId, Extension by);

    /** {@code *} during an announced transfer: the consulted party is dropped, the caller is back. */
    boolean takeBack(String callId, Extension by);

    /** {@code *59*}: the caller goes to {@code route} (a voicemail), {@code by} is released. */
    boolean sendToVoicemail(String callId, Extension by, CallRoute route);
}
