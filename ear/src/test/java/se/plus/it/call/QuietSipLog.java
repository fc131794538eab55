package se.plus.it.call;

import gov.nist.core.ServerLogger;
import gov.nist.core.StackLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipStack;

/**
 * JAIN-SIP's stack and message loggers for the test phone: the RI's defaults need log4j 1.x, which the
 * test class path lacks. Errors go to java.util.logging at FINE (the stack reports expected events such
 * as a closed connection as errors); messages and debug output go nowhere.
 * Built by reflection from gov.nist.javax.sip.STACK_LOGGER / SERVER_LOGGER, hence public.
 */
public final class QuietSipLog implements StackLogger, ServerLogger {

    private static final Logger LOG = Logger.getLogger("se.plus.it.call.jainsip");

    public QuietSipLog() {
    }

    // StackLogger

    @Override
    public void logStackTrace() {
    }

    @Override
    public void logStackTrace(int traceLevel) {
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable problem) {
        LOG.log(Level.FINE, "JAIN-SIP", problem);
    }

    @Override
    public void logDebug(String message) {
    }

    @Override
    public void logDebug(String message, Exception problem) {
    }

    @Override
    public void logTrace(String message) {
    }

    @Override
    public void logFatalError(String message) {
        LOG.fine(message);
    }

    @Override
    public void logError(String message) {
        LOG.fine(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return true;
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return logLevel <= TRACE_ERROR && LOG.isLoggable(Level.FINE);
    }

    @Override
    public void logError(String message, Exception problem) {
        LOG.log(Level.FINE, message, problem);
    }

    @Override
    public void logWarning(String message) {
    }

    @Override
    public void logInfo(String message) {
    }

    @Override
    public void disableLogging() {
    }

    @Override
    public void enableLogging() {
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    // ServerLogger

    @Override
    public void closeLogFile() {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
    }

    @Override
    public void logException(Exception problem) {
        LOG.log(Level.FINE, "JAIN-SIP", problem);
    }

    @Override
    public void setSipStack(SipStack stack) {
    }
}
