package se.plus.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import se.plus.application.port.out.ConcurrentChangeException;
import se.plus.application.port.out.Users;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.User;

@ApplicationScoped
class JpaUsers implements Users {

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Override
    public Optional<User> find(Extension extension) {
        return row(extension.digits()).map(UserMapper::toDomain);
    }

    @Override
    public Optional<User> findByNumber(PhoneNumber number) {
        if (number.isExtension()) {
            return row(number.value()).map(UserMapper::toDomain);
        }
        // A union rather than "fixed = :n or mobile = :n", which H2 answers by scanning every user:
        // this runs for each forwarding to an outside number, and is nearly always empty.
        // (SQL, because JPQL has no union.)
        return ((Stream<?>) em.createNativeQuery("select extension from users where fixed_number = ?1"
                        + " union select extension from users where mobile_number = ?1")
                .setParameter(1, number.value())
                .getResultStream()).findFirst().map(String::valueOf).flatMap(this::row).map(UserMapper::toDomain);
    }

    @Override
    public List<User> all() {
        return em.createQuery("select distinct u from UserEntity u left join fetch u.profiles order by u.extension", UserEntity.class)
                .getResultStream().map(UserMapper::toDomain).toList();
    }

    @Override
    public List<Extension> withActivationEndedBy(Instant now, int limit) {
        return em.createQuery("select u.extension from UserEntity u where u.activeProfileUntil <= :now"
                        + " order by u.activeProfileUntil", String.class)
                .setParameter("now", now)
                .setMaxResults(limit)
                .getResultStream().map(Extension::of).toList();
    }

    @Override
    public boolean add(User user, SipSecrets sip) {
        if (em.find(UserEntity.class, user.extension().digits()) != null) {
            return false;
        }
        var row = new UserEntity();
        UserMapper.copy(user, row);
        copy(sip, row);
        em.persist(row);
        return true;
    }

    @Override
    public void save(User user) {
        UserEntity row = em.find(UserEntity.class, user.extension().digits());
        if (row == null) {
            throw new ConcurrentChangeException("user " + user.extension() + " (removed)", null);
        }
        UserMapper.copy(user, row);
        flush("user " + user.extension());
    }

    @Override
    public void changeSipSecrets(Extension extension, SipSecrets sip) {
        row(extension.digits()).ifPresent(row -> copy(sip, row));
    }

    @Override
    public Optional<SipSecrets> sipSecrets(Extension extension) {
        return Optional.ofNullable(em.find(UserEntity.class, extension.digits()))
                .map(row -> new SipSecrets(row.sipRealm, row.sipHa1Md5, row.sipHa1Sha256));
    }

    @Override
    public boolean remove(Extension extension) {
        UserEntity row = em.find(UserEntity.class, extension.digits());
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }

    /**
     * The user with their profiles (one joined select, or none when this transaction has loaded them
     * already); the row stays managed for a later save.
     */
    private Optional<UserEntity> row(String extension) {
        return Optional.ofNullable(em.find(UserEntity.class, extension));
    }

    private static void copy(SipSecrets sip, UserEntity row) {
        row.sipRealm = sip.realm();
        row.sipHa1Md5 = sip.ha1Md5();
        row.sipHa1Sha256 = sip.ha1Sha256();
    }

    /** Writes now, so that a lost race surfaces here as CONFLICT rather than at commit. */
    private void flush(String what) {
        try {
            em.flush();
        } catch (OptimisticLockException lost) {
            throw new ConcurrentChangeException(what, lost);
        }
    }
}
