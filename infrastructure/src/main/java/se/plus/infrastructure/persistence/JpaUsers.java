package se.plus.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PessimisticLockException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
    public Optional<User> findForChange(Extension extension) {
        // The lock is taken by a select of the users table alone: PostgreSQL refuses FOR UPDATE over the
        // outer join that loads the profiles with the user.
        List<?> version;
        try {
            version = em.createNativeQuery("select version from users where extension = ? for update")
                    .setParameter(1, extension.digits())
                    .getResultList();
        } catch (PessimisticLockException | LockTimeoutException waitedTooLong) {
            throw new ConcurrentChangeException("user " + extension + " (locked)", waitedTooLong);
        }
        if (version.isEmpty()) {
            return Optional.empty();
        }
        UserEntity row = em.find(UserEntity.class, extension.digits());
        if (row.version != ((Number) version.get(0)).longValue()) {
            // Read earlier in this transaction, before the lock, and changed by another since.
            em.refresh(row);
        }
        return Optional.of(UserMapper.toDomain(row));
    }

    @Override
    public Optional<User> findByNumber(PhoneNumber number) {
        if (number.isExtension()) {
            return row(number.value()).map(UserMapper::toDomain);
        }
        // Two indexed lookups rather than "fixed = :n or mobile = :n", which H2 answers by scanning every
        // user (and a union, which H2 parses and materialises at some cost): this runs for each
        // forwarding to an outside number, and nearly always finds no one.
        return extensionWhere("u.fixedNumber", number.value())
                .or(() -> extensionWhere("u.mobileNumber", number.value()))
                .flatMap(this::row).map(UserMapper::toDomain);
    }

    private Optional<String> extensionWhere(String column, String number) {
        return em.createQuery("select u.extension from UserEntity u where " + column + " = :n", String.class)
                .setParameter("n", number)
                .getResultStream().findFirst();
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
        // Three columns, not the user with their profiles: this runs for every authenticated SIP request.
        return em.createQuery("select u.sipRealm, u.sipHa1Md5, u.sipHa1Sha256 from UserEntity u where u.extension = :ext",
                        Object[].class)
                .setParameter("ext", extension.digits())
                .getResultStream().findFirst()
                .map(row -> new SipSecrets((String) row[0], (String) row[1], (String) row[2]));
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
