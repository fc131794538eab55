package se.plus.adapters.sip.voicemail;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import se.plus.adapters.sip.media.PortPool;
import se.plus.application.port.in.LeaveVoicemailUseCase;
import se.plus.application.port.in.LeaveVoicemailUseCase.Deposit;
import se.plus.domain.call.CallParty;
import se.plus.domain.number.Extension;
import se.plus.domain.routing.DiversionCause;

/**
 * The built-in voicemail (used when no {@code plus.voicemail.uri} is set): answers a call with a
 * greeting tone and records the caller's PCMU into a message of the mailbox's user.
 *
 * <p>Each recording binds one even port of the media range (the relay's pool, so one firewall range
 * covers all media). No thread per recording and no selector: one 20 ms task on the shared clock sends
 * every greeting frame and drains every recording's socket without blocking. A socket the kernel buffers
 * for 20 ms holds one or two packets of a caller, and a socket that no selector holds closes at once,
 * its port free when {@link Recording#close()} returns.
 */
public final class BuiltInVoicemail implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BuiltInVoicemail.class.getName());
    private static final int TICK_MILLIS = 20;
    /** Ports tried per opening when one of the range is held by another process. */
    private static final int BIND_ATTEMPTS = 8;

    private final InetAddress address;
    private final PortPool ports;
    private final ScheduledExecutorService clock;
    private final Executor workers;
    private final LeaveVoicemailUseCase voicemail;
    private final List<byte[]> greeting;
    private final int maxSamples;
    private final Clock wallClock;
    private final Set<Recording> open = ConcurrentHashMap.newKeySet();
    private final Set<Recording> active = ConcurrentHashMap.newKeySet();
    private final AtomicInteger portsInUse = new AtomicInteger();
    private final ByteBuffer buffer = ByteBuffer.allocate(2048);
    private final ScheduledFuture<?> tick;

    /**
     * @param address the media address: bound, and named in the SDP answer
     * @param greeting the greeting's 20 ms PCMU frames
     * @param maxLength the longest message ({@code plus.voicemail.max-seconds})
     */
    public BuiltInVoicemail(String address, PortPool ports, ScheduledExecutorService clock, Executor workers,
                            LeaveVoicemailUseCase voicemail, List<byte[]> greeting, Duration maxLength,
                            Clock wallClock) throws IOException {
        this.address = InetAddress.getByName(address);
        this.ports = ports;
        this.clock = clock;
        this.workers = workers;
        this.voicemail = voicemail;
        this.greeting = List.copyOf(greeting);
        this.maxSamples = Math.toIntExact(maxLength.toSeconds() * RtpAudio.SAMPLE_RATE);
        this.wallClock = wallClock;
        if (maxSamples < RtpAudio.SAMPLE_RATE) {
            throw new IllegalArgumentException("a voicemail message may last at least a second: " + maxLength);
        }
        this.tick = clock.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A recording for a call to {@code mailbox}'s voicemail, its port bound; empty when every media port
     * is taken (the call is then refused as any call without media ports).
     */
    public Optional<Recording> open(Extension mailbox, CallParty caller, DiversionCause cause) {
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = ports.take();
            if (port < 0) {
                return Optional.empty();
            }
            portsInUse.incrementAndGet();
            try {
                DatagramChannel socket = bind(port);
                var recording = new Recording(this, socket, (InetSocketAddress) socket.getLocalAddress(), port,
                        mailbox, caller, cause, maxSamples);
                open.add(recording);
                return Optional.of(recording);
            } catch (IOException taken) {
                LOG.log(Level.FINE, "voicemail port " + port + " not bindable, trying the next", taken);
                release(port);
            }
        }
        return Optional.empty();
    }

    private DatagramChannel bind(int port) throws IOException {
        DatagramChannel socket = DatagramChannel.open(address instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            socket.bind(new InetSocketAddress(address, port));
            socket.configureBlocking(false);
            return socket;
        } catch (IOException | RuntimeException failed) {
            socket.close();
            throw failed;
        }
    }

    /** Recordings opened and not yet closed. */
    public int recordings() {
        return open.size();
    }

    /** Ports held by open recordings (0 when idle). */
    public int portsInUse() {
        return portsInUse.get();
    }

    private void tick() {
        try {
            for (Recording recording : active) {
                recording.tick(buffer);
            }
        } catch (RuntimeException unexpected) {
            // A periodic task that throws is never run again: no recording would ever start.
            LOG.log(Level.WARNING, "voicemail clock", unexpected);
        }
    }

    void activate(Recording recording) {
        if (open.contains(recording)) {
            active.add(recording);
        }
    }

    void deactivate(Recording recording) {
        active.remove(recording);
        open.remove(recording);
    }

    void release(int port) {
        ports.give(port);
        portsInUse.decrementAndGet();
    }

    /** On a worker: the deposit commits to the database, which no SIP or clock thread waits for. */
    void deposit(Deposit deposit) {
        run(() -> {
            try {
                voicemail.leave(deposit);
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "voicemail message for " + deposit.mailbox() + " could not be stored", failed);
            }
        });
    }

    void run(Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException full) {
            try {
                // Workers saturated: late is better than lost.
                clock.schedule(() -> run(work), 100, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shutDown) {
                LOG.warning("voicemail work dropped: the server is stopping");
            }
        }
    }

    List<byte[]> greeting() {
        return greeting;
    }

    int maxSamples() {
        return maxSamples;
    }

    ScheduledExecutorService clock() {
        return clock;
    }

    Instant now() {
        return wallClock.instant();
    }

    /** Closes every recording, dropping what they hold (undeploy). */
    @Override
    public void close() {
        tick.cancel(false);
        for (Recording recording : open) {
            recording.close();
        }
    }
}
