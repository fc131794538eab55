package se.plus.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.User;

/** The users of the PBX, with the SIP digest secrets that belong to each. */
public interface Users {

    Optional<User> find(Extension extension);

    /**
     * The user, their row locked until this transaction ends: changes of one user are serialised, so a
     * busy user's changes wait their turn instead of failing on a lost race and being tried again.
     */
    Optional<User> findForChange(Extension extension);

    /** The user whose extension, fixed number or mobile number this is. */
    Optional<User> findByNumber(PhoneNumber number);

    List<User> all();

    /** Users whose time-bounded profile activation has ended by {@code now}, at most {@code limit}. */
    List<Extension> withActivationEndedBy(Instant now, int limit);

    /** A new user with their SIP secrets; {@code false} when the extension is taken. */
    boolean add(User user, SipSecrets sip);

    /**
     * Stores the user as changed in this transaction.
     *
     * @throws ConcurrentChangeException when someone else changed the user since it was read
     */
    void save(User user);

    void changeSipSecrets(Extension extension, SipSecrets sip);

    Optional<SipSecrets> sipSecrets(Extension extension);

    /** {@code false} when there was no such user. */
    boolean remove(Extension extension);

    /** HA1 values of RFC 7616 for one realm; the SIP password itself is never stored. */
    record SipSecrets(String realm, String ha1Md5, String ha1Sha256) {
    }
}
