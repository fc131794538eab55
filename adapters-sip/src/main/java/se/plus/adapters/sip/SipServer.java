package se.plus.adapters.sip;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import se.plus.adapters.sip.media.MediaRelay;
import se.plus.adapters.sip.voicemail.BuiltInVoicemail;
import se.plus.adapters.sip.voicemail.VoicemailSettings;
import se.plus.application.port.in.ControlCallUseCase;
import se.plus.application.port.in.ExecuteDialStringUseCase;
import se.plus.application.port.in.FindSipCredentialsUseCase;
import se.plus.application.port.in.RecordCallUseCase;
import se.plus.application.port.in.LeaveVoicemailUseCase;
import se.plus.application.port.in.ReadVoicemailUseCase;
import se.plus.application.port.in.RouteCallUseCase;
import se.plus.application.port.out.AuthenticationFailures;
import se.plus.application.port.out.ClusterPeers;
import se.plus.application.port.out.LiveCalls;
import se.plus.application.port.out.Locations;
import se.plus.application.port.out.MailboxChanges;
import se.plus.application.port.out.Meters;
import se.plus.application.port.out.UsedNonces;

/**
 * The JAIN-SIP stack, living exactly as long as the deployment: started when the EAR starts, and on
 * undeploy every provider, listening point and stack thread released so the port is free again.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SipServer {

    private static final Logger LOG = Logger.getLogger(SipServer.class.getName());

    /** Workers for blocking work and the queue before them; beyond it requests get 503. */
    private static final int WORKERS = 16;
    private static final int WORK_QUEUE = 512;
    /** Concurrent tones; beyond it a call still ends as it should, silently. */
    private static final int MAX_TONES = 2000;
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED_NONCES = 500_000;
    /** Message-waiting subscriptions held, in all and per mailbox (a few phones each). */
    private static final int MAX_SUBSCRIPTIONS = 20_000;
    private static final int MAX_SUBSCRIPTIONS_PER_MAILBOX = 10;

    @Inject
    SipSettings settings;

    @Inject
    Locations locations;

    @Inject
    UsedNonces usedNonces;

    @Inject
    AuthenticationFailures authenticationFailures;

    @Inject
    RouteCallUseCase routes;

    @Inject
    LiveCalls liveCalls;

    @Inject
    Meters meters;

    @Inject
    RecordCallUseCase recorder;

    @Inject
    ExecuteDialStringUseCase dial;

    @Inject
    FindSipCredentialsUseCase credentials;

    @Inject
    VoicemailSettings voicemailSettings;

    @Inject
    LeaveVoicemailUseCase leaveVoicemail;

    @Inject
    ReadVoicemailUseCase readVoicemail;

    @Inject
    SipMessageWaiting messageWaiting;

    @Inject
    MailboxChanges mailboxChanges;

    @Inject
    ControlCallUseCase controls;

    @Inject
    SipCallControl callControl;

    @Inject
    ClusterPeers peers;

    @Resource
    ManagedThreadFactory threads;

    private SipWorkers workers;
    private TonePlayer tones;
    private MediaRelay media;
    private BuiltInVoicemail voicemail;
    private B2bua b2bua;
    private FailureTracker failures;
    private MessageWaitingSubscriptions subscriptions;
    private ClusterMembership membership;

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
            var sip = new SipContext(provider, factory.createMessageFactory(), factory.createHeaderFactory(),
                    factory.createAddressFactory(), settings.domain(), Clock.systemUTC(),
                    ((gov.nist.javax.sip.stack.SIPTransactionStack) stack)::getServerTransactionTableSize,
                    SipStackProperties.SHEDDING_SERVER_TRANSACTIONS,
                    ((gov.nist.javax.sip.stack.SIPTransactionStack) stack)::getClientTransactionTableSize,
                    SipStackProperties.SHEDDING_CLIENT_TRANSACTIONS, meters);
            failures = new FailureTracker(authenticationFailures, settings.authMaxFailures(), Duration.ofMinutes(1),
                    Duration.ofSeconds(settings.authBlockSeconds()));
            var processors = processors(sip, factory);
            listener = new PlusSipListener(sip, failures, b2bua, subscriptions, processors);
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

    /** The processors and what they share: workers, tones, nonces, digest, dialects, housekeeping. */
    private MethodProcessor[] processors(SipContext sip, SipFactory factory) throws Exception {
        workers = new SipWorkers(threads, WORKERS, WORK_QUEUE);
        int[] ports = settings.mediaPorts();
        media = new MediaRelay(settings.mediaAddress(), ports[0], ports[1], threads);
        var addresses = factory.createAddressFactory();
        voicemail = new BuiltInVoicemail(settings.mediaAddress(), media.ports(), workers.clock(), workers, leaveVoicemail,
                Tone.GREETING.frames(), voicemailSettings.maxLength(), Clock.systemUTC());
        var callSettings = new CallSettings(settings.mediaAnchor(),
                settings.trunkUri().isPresent() ? Optional.of((SipURI) addresses.createURI(settings.trunkUri().get()))
                        : Optional.empty(),
                settings.voicemailUri().isPresent() ? Optional.of((SipURI) addresses.createURI(settings.voicemailUri().get()))
                        : Optional.empty(),
                settings.trunkAddresses(), settings.ringTimeout(), settings.mediaTimeout(), settings.maxDuration());
        tones = new TonePlayer(settings.address(), workers.clock(), workers, MAX_TONES);
        var nonces = new NonceService(usedNonces, NONCE_LIFETIME, MAX_REMEMBERED_NONCES);
        var authenticator = new DigestAuthenticator(settings.domain(), nonces, failures, credentials::find);
        var challenges = new DigestChallenges(authenticator, DigestChallenges.parse(settings.authAlgorithms()));
        var dialects = new DeviceDialects(settings.mobileUserAgents().orElse(null), settings.mobileExtensions().orElse(null));
        workers.clock().scheduleWithFixedDelay(() -> {
            Instant now = Instant.now();
            locations.purge(now);
            nonces.forgetExpired(now);
            failures.forgetOld(now);
            subscriptions.purge(now);
        }, 30, 30, TimeUnit.SECONDS);
        var gate = new DigestGate(authenticator, challenges, workers);
        subscriptions = new MessageWaitingSubscriptions(sip, workers, MAX_SUBSCRIPTIONS, MAX_SUBSCRIPTIONS_PER_MAILBOX,
                mailboxChanges, readVoicemail::summary);
        messageWaiting.attach(subscriptions);
        workers.clock().scheduleWithFixedDelay(subscriptions::catchUp, 1, 1, TimeUnit.SECONDS);
        membership = new ClusterMembership(sip, peers, settings.peerReachableAddress() + ":" + settings.port());
        var featureCodes = new FeatureCodeInvites(gate, dial, dialects, tones,
                settings.loopbackReachableAddress(), settings.port());
        b2bua = new B2bua(sip, routes, recorder, liveCalls, media, voicemail, featureCodes, callSettings, workers, workers.clock(),
                controls, dialects, tones, new PickupHandover(sip, peers, workers.clock()), membership);
        workers.clock().scheduleWithFixedDelay(this::tickMembership, 0, 10, TimeUnit.SECONDS);
        callControl.attach(b2bua);
        workers.clock().scheduleWithFixedDelay(this::sweepCalls, 1, 1, TimeUnit.SECONDS);
        return new MethodProcessor[] {
            new OptionsProcessor(),
            new RegisterProcessor(gate, locations, dialects),
            new InviteProcessor(gate, featureCodes, b2bua, workers, callSettings, dialects, peers),
            new AckProcessor(tones, b2bua),
            new ByeProcessor(b2bua),
            new CancelProcessor(featureCodes, b2bua),
            new InDialogProcessor(Request.UPDATE, b2bua),
            new InDialogProcessor(Request.INFO, b2bua),
            new InDialogProcessor(Request.REFER, b2bua),
            new SubscribeProcessor(gate, subscriptions, readVoicemail),
        };
    }

    /** This node lives (where to send it a pickup), and the calls of nodes that died are ended. */
    private void tickMembership() {
        try {
            boolean alone = !membership.clustered();
            membership.tick();
            if (alone && membership.clustered()) {
                b2bua.keepAllDialogs();
            }
        } catch (RuntimeException unexpected) {
            // A periodic task that throws is never run again: the others would soon take this node for dead.
            LOG.log(Level.WARNING, "cluster membership not renewed; tried again in 10 s", unexpected);
        }
    }

    private void sweepCalls() {
        try {
            b2bua.sweep();
        } catch (RuntimeException unexpected) {
            // A periodic task that throws is never run again: no call would ever time out.
            LOG.log(Level.WARNING, "call sweep", unexpected);
        }
    }

    /** Calls the SIP side holds, media sessions and ports in use, the stack's dialogs: all 0 when idle. */
    public CallCounters counters() {
        var sipStack = (gov.nist.javax.sip.stack.SIPTransactionStack) stack;
        return new CallCounters(b2bua == null ? 0 : b2bua.calls(), liveCalls.count(),
                media == null ? 0 : media.sessions(), media == null ? 0 : media.portsInUse(),
                sipStack == null ? 0 : sipStack.getDialogs().size(),
                sipStack == null ? 0 : sipStack.getServerTransactionTableSize(),
                sipStack == null ? 0 : sipStack.getClientTransactionTableSize(),
                voicemail == null ? 0 : voicemail.recordings());
    }

    /** What must return to zero once every call has ended. */
    public record CallCounters(int sipCalls, int liveCalls, int mediaSessions, int mediaPorts, int dialogs,
                               int serverTransactions, int clientTransactions, int voicemailRecordings) {
    }

    /** Order matters (provider, listening points, stack): otherwise the socket outlives the deployment. */
    @PreDestroy
    void stop() {
        if (stack == null) {
            return;
        }
        try {
            if (b2bua != null) {
                b2bua.close();
            }
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
            if (tones != null) {
                tones.close();
            }
            if (voicemail != null) {
                voicemail.close();
            }
            messageWaiting.attach(null);
            callControl.attach(null);
            voicemail = null;
            if (media != null) {
                media.close();
            }
            media = null;
            b2bua = null;
            if (workers != null) {
                workers.close();
            }
            tones = null;
            workers = null;
            SipFactory.getInstance().resetFactory();
            listeningPoints.clear();
            provider = null;
            listener = null;
            stack = null;
            LOG.info("SIP listener stopped");
        }
    }
}
