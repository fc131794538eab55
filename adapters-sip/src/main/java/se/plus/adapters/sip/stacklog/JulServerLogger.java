package se.plus.adapters.sip.stacklog;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipStack;

/**
 * JAIN-SIP's message trace routed to java.util.logging at FINEST: off unless an operator asks for
 * {@code gov.nist.javax.sip.messages} at TRACE, because at load it would write every packet.
 */
public class JulServerLogger implements ServerLogger {

    private static final Logger LOG = Logger.getLogger("gov.nist.javax.sip.messages");

    @Override
    public void closeLogFile() {
        // Nothing of ours is open.
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        trace(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        trace(message, from, to, sender);
    }

    @Override
    public void logException(Exception failure) {
        LOG.log(Level.WARNING, failure.getMessage(), failure);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Levels come from the logging subsystem.
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // Not needed for tracing.
    }

    private static void trace(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isLoggable(Level.FINEST)) {
            LOG.finest((sender ? "sent " : "received ") + from + " -> " + to + "\n" + message.encode());
        }
    }
}
