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
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import se.plus.application.port.in.ForgetOldCallsUseCase;

/** Forgets call records older than {@code plus.calls.retention-days} (default 90), once an hour. */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CallRecordRetention {

    private static final Logger LOG = Logger.getLogger(CallRecordRetention.class.getName());

    @Inject
    ForgetOldCallsUseCase calls;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "plus.calls.retention-days", defaultValue = "90")
    int retentionDays;

    @Schedule(hour = "*", minute = "17", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void forgetOldCalls() {
        try {
            int removed = calls.forgetEndedBefore(clock.instant().minus(Duration.ofDays(Math.max(1, retentionDays))));
            if (removed > 0) {
                LOG.info(() -> removed + " call records older than " + retentionDays + " days removed");
            }
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "call records not cleaned up; the next hour tries again", failure);
        }
    }
}
