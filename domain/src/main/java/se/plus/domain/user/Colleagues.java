package se.plus.domain.user;

import java.util.Optional;
import se.plus.domain.number.PhoneNumber;

/**
 * What the rules may look up about other users of the same PBX, to see a forwarding loop or an unknown
 * extension at activation. The application backs it with its user repository; the domain never stores it.
 */
public interface Colleagues {

    /** The user whose extension, fixed number or mobile number this is. */
    Optional<User> findByNumber(PhoneNumber number);

    /**
     * True when {@link #findByNumber} knows every extension of the PBX, so an extension it does not know
     * does not exist. {@link #none()} knows nobody and says false, so nothing is refused for lack of data.
     */
    default boolean knowsEveryExtension() {
        return false;
    }

    /** The company's policy of forwarding targets; {@link ForwardTargetPolicy#NONE} bars nothing. */
    default ForwardTargetPolicy forwardTargets() {
        return ForwardTargetPolicy.NONE;
    }

    /** No directory: loops through colleagues cannot be seen and no extension is judged unknown. */
    static Colleagues none() {
        return number -> Optional.empty();
    }
}
