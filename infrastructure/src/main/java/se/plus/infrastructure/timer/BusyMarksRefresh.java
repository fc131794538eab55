package se.plus.infrastructure.timer;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import se.plus.infrastructure.calls.InMemoryLiveCalls;

/**
 * Every 10 s this node renews its marks of the users it keeps busy in the shared cache, so the other
 * nodes of a cluster see them busy while its calls last, and stop seeing them 30 s after it died.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BusyMarksRefresh {

    private static final Logger LOG = Logger.getLogger(BusyMarksRefresh.class.getName());

    @Inject
    InMemoryLiveCalls liveCalls;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void refresh() {
        try {
            liveCalls.refreshMarks();
        } catch (RuntimeException failure) {
            LOG.log(Level.WARNING, "busy marks not refreshed; the next round tries again", failure);
        }
    }
}
