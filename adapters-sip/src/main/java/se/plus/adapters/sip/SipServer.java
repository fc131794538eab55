package se.plus.adapters.sip;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;

/**
 * The JAIN-SIP stack, living exactly as long as the deployment: started when the EAR starts, and on
 * undeploy every provider, listening point and stack thread released so the port is free again.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SipServer {

    private static final Logger LOG = Logger.getLogger(SipServer.class.getName());

    @Inject
    SipSettings settings;

    private SipStack stack;
    private final List<ListeningPoint> listeningPoints = new ArrayList<>();
    private SipProvider provider;
    private PlusSipListener listener;

    @PostConstruct
    void start() {
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(SipStackProperties.forDeployment("plus-" + UUID.randomUUID()));
            for (String transport : List.of(ListeningPoint.UDP, ListeningPoint.TCP)) {
                listeningPoints.add(stack.createListeningPoint(settings.address(), settings.port(), transport));
            }
            provider = stack.createSipProvider(listeningPoints.get(0));
            for (ListeningPoint extra : listeningPoints.subList(1, listeningPoints.size())) {
                provider.addListeningPoint(extra);
            }
            var sip = new SipContext(provider, factory.createMessageFactory(), factory.createHeaderFactory());
            listener = new PlusSipListener(sip, new OptionsProcessor());
            provider.addSipListener(listener);
            stack.start();
            LOG.info(() -> "SIP listening on " + settings.address() + ":" + settings.port()
                    + " (UDP and TCP), domain " + settings.domain());
        } catch (Exception failure) {
            stop();
            throw new IllegalStateException("SIP listener could not start on " + settings.address() + ":"
                    + settings.port() + ": " + failure.getMessage(), failure);
        }
    }

    /** Order matters (provider, listening points, stack): otherwise the socket outlives the deployment. */
    @PreDestroy
    void stop() {
        if (stack == null) {
            return;
        }
        try {
            if (provider != null) {
                if (listener != null) {
                    provider.removeSipListener(listener);
                }
                stack.deleteSipProvider(provider);
            }
            for (ListeningPoint point : listeningPoints) {
                stack.deleteListeningPoint(point);
            }
        } catch (Exception failure) {
            LOG.log(Level.WARNING, "SIP listener did not close cleanly", failure);
        } finally {
            stack.stop();
            SipFactory.getInstance().resetFactory();
            listeningPoints.clear();
            provider = null;
            listener = null;
            stack = null;
            LOG.info("SIP listener stopped");
        }
    }
}
