package se.plus.infrastructure.timer;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import se.plus.application.port.in.ExpireProfilesUseCase;

/**
 * Ends profile activations on time, to the second. A poll rather than one timer per activation: the
 * query is indexed and cheap, nothing is lost on a restart (the first poll after start applies whatever
 * fell due while the server was down), and there is no timer store to keep consistent with the rows.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProfileExpiryTimer {

    private static final Logger LOG = Logger.getLogger(ProfileExpiryTimer.class.getName());

    @Inject
    ExpireProfilesUseCase expiry;

    private final AtomicBoolean running = new AtomicBoolean();

    /** Each user's expiry is a transaction of its own, so this method runs outside one. */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void expireDue() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            int expired = expiry.expireDue();
            if (expired > 0) {
                LOG.fine(() -> expired + " profile activations ended");
            }
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "profile expiry failed; the next run tries again", failure);
        } finally {
            running.set(false);
        }
    }
}
