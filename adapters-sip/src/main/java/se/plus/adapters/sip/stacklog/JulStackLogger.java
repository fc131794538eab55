package se.plus.adapters.sip.stacklog;

import gov.nist.core.StackLogger;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JAIN-SIP's stack logger routed to java.util.logging (the RI's default wants log4j 1.x, which
 * WildFly does not ship). The stack reports every packet at INFO; that is FINE for an operator.
 * JAIN-SIP instantiates this class by name from its own class loader, hence its place in EAR lib/.
 */
public class JulStackLogger implements StackLogger {

    private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip");

    @Override
    public void logStackTrace() {
        logStackTrace(TRACE_DEBUG);
    }

    @Override
    public void logStackTrace(int traceLevel) {
        if (isLoggingEnabled(traceLevel)) {
            LOG.log(julLevel(traceLevel), "stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable failure) {
        LOG.log(Level.WARNING, failure.getMessage(), failure);
    }

    @Override
    public void logDebug(String message) {
        LOG.finer(message);
    }

    @Override
    public void logDebug(String message, Exception failure) {
        LOG.log(Level.FINER, message, failure);
    }

    @Override
    public void logTrace(String message) {
        LOG.finest(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.severe(message);
    }

    @Override
    public void logError(String message) {
        LOG.severe(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isLoggable(Level.WARNING);
    }

    @Override
    public boolean isLoggingEnabled(int traceLevel) {
        return LOG.isLoggable(julLevel(traceLevel));
    }

    @Override
    public void logError(String message, Exception failure) {
        LOG.log(Level.SEVERE, message, failure);
    }

    @Override
    public void logWarning(String message) {
        LOG.warning(message);
    }

    @Override
    public void logInfo(String message) {
        LOG.fine(message);
    }

    @Override
    public void disableLogging() {
        // The level is the operator's, set in the server's logging subsystem.
    }

    @Override
    public void enableLogging() {
        // As above.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.fine(() -> "JAIN-SIP build " + buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to take from them: levels come from the logging subsystem.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    private static Level julLevel(int traceLevel) {
        if (traceLevel <= TRACE_FATAL) {
            return Level.SEVERE;
        } else if (traceLevel <= TRACE_ERROR) {
            return Level.SEVERE;
        } else if (traceLevel <= TRACE_WARN) {
            return Level.WARNING;
        } else if (traceLevel <= TRACE_INFO) {
            return Level.FINE;
        } else if (traceLevel <= TRACE_DEBUG) {
            return Level.FINER;
        }
        return Level.FINEST;
    }
}
