package se.plus.application.port.out;

import java.time.Instant;
import java.util.List;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;

/**
 * The location service of RFC 3261 §10: where each user's devices can be reached. The registrar writes
 * bindings, call routing reads them. Applies the binding rules of §10.3 steps 6–8 for one REGISTER at
 * a time, atomically per user.
 */
public interface Locations {

    /** Devices per user; a phone that registers beyond it is refused rather than evicting another. */
    int MAX_BINDINGS_PER_USER = 10;

    /** The current bindings of a user, most preferred (highest q, newest) first. */
    List<Binding> bindingsOf(Extension extension, Instant now);

    /**
     * Applies the contacts of one REGISTER. A device is identified by its contact URI; a refresh from
     * the same Call-ID must carry a higher CSeq.
     */
    Result update(Extension extension, List<ContactUpdate> contacts, RegisterSource from, Instant now);

    /** {@code Contact: *} with {@code Expires: 0}: every binding of the user goes (§10.3 step 6). */
    Result removeAll(Extension extension, RegisterSource from, Instant now);

    /** How many devices are registered at {@code now}, all users together: for the operators' dashboards. */
    int bindingCount(Instant now);

    /** Drops expired bindings; called now and then by the registrar. */
    void purge(Instant now);

    /** One contact of a REGISTER: {@code expiresSeconds} 0 removes it. */
    record ContactUpdate(String contact, int expiresSeconds, float q) {
    }

    /** What a REGISTER says about the device besides its contacts. */
    record RegisterSource(String callId, long cseq, Dialect dialect, String userAgent, String source) {
    }

    sealed interface Result {
    }

    /** The bindings now in force, for the 200 OK. */
    record Updated(List<Binding> current) implements Result {
    }

    /** A CSeq not above the one stored for the same Call-ID: the update is aborted (§10.3 step 7). */
    record OutOfOrder() implements Result {
    }

    record TooManyDevices(int max) implements Result {
    }
}
