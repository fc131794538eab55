package se.plus.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import se.plus.application.port.in.Role;
import se.plus.application.port.out.Accounts;
import se.plus.domain.number.Extension;

@ApplicationScoped
class JpaAccounts implements Accounts {

    @PersistenceContext(unitName = "plus")
    EntityManager em;

    @Override
    public Optional<Account> find(String username) {
        return Optional.ofNullable(em.find(AccountEntity.class, username))
                .map(row -> new Account(row.username, row.passwordHash, Role.valueOf(row.role),
                        Optional.ofNullable(row.extension).map(Extension::of)));
    }

    @Override
    public boolean add(Account account) {
        if (em.find(AccountEntity.class, account.username()) != null) {
            return false;
        }
        var row = new AccountEntity();
        copy(account, row);
        em.persist(row);
        return true;
    }

    @Override
    public void save(Account account) {
        AccountEntity row = em.find(AccountEntity.class, account.username());
        if (row != null) {
            copy(account, row);
        }
    }

    @Override
    public boolean remove(String username) {
        AccountEntity row = em.find(AccountEntity.class, username);
        if (row == null) {
            return false;
        }
        em.remove(row);
        return true;
    }

    @Override
    public boolean anyAdministrator() {
        return !em.createQuery("select a.username from AccountEntity a where a.role = 'ADMIN'", String.class)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private static void copy(Account account, AccountEntity row) {
        row.username = account.username();
        row.passwordHash = account.passwordHash();
        row.role = account.role().name();
        row.extension = account.extension().map(Extension::digits).orElse(null);
    }
}
