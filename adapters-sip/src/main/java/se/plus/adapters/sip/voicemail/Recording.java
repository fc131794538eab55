package se.plus.adapters.sip.voicemail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import se.plus.adapters.sip.RtpStream;
import se.plus.adapters.sip.Sdp;
import se.plus.application.port.in.LeaveVoicemailUseCase.Deposit;
import se.plus.domain.call.CallParty;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.routing.DiversionCause;

/**
 * One caller leaving one message, on one UDP port of its own.
 *
 * <p>Lifecycle: {@link BuiltInVoicemail#open opened} (the port is bound; {@link #answerSdp} names it) →
 * {@link #start started} (the greeting tone plays, then the caller's PCMU is recorded, for at most the
 * configured length; at the limit {@code atLimit} runs once, so the call can be ended) →
 * {@link #finish finished} (the message is deposited when it has at least a second of audio) and
 * {@link #close closed} (the port is free again; closing without finishing throws the audio away).
 * Every step may be repeated or skipped; {@code close} is always safe and always frees the port.
 *
 * <p>Nothing here owns a thread: the voicemail's 20 ms clock sends the greeting and drains the socket
 * ({@link #tick}); the deposit (a database commit) runs on a worker.
 */
public final class Recording implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Recording.class.getName());

    /** More than a round's worth from one caller is a flood: the rest waits (or drops) in the kernel. */
    private static final int MAX_PACKETS_PER_TICK = 16;

    private enum State { OPEN, GREETING, RECORDING, STOPPED, CLOSED }

    private final BuiltInVoicemail voicemail;
    private final DatagramChannel socket;
    private final InetSocketAddress local;
    private final int port;
    private final Extension mailbox;
    private final CallParty caller;
    private final DiversionCause cause;
    private final RtpAudio audio;
    private final AtomicBoolean finished = new AtomicBoolean();
    private State state = State.OPEN;
    private RtpStream greeting;
    private SocketAddress sendTo;
    private Runnable atLimit;
    private ScheduledFuture<?> limitTimer;
    private Instant startedAt;
    private int datagrams;

    Recording(BuiltInVoicemail voicemail, DatagramChannel socket, InetSocketAddress local, int port, Extension mailbox,
              CallParty caller, DiversionCause cause, int maxSamples) {
        this.voicemail = voicemail;
        this.socket = socket;
        this.local = local;
        this.port = port;
        this.mailbox = mailbox;
        this.caller = caller;
        this.cause = cause;
        this.audio = new RtpAudio(maxSamples);
    }

    /** Where the caller's RTP must go. */
    public InetSocketAddress local() {
        return local;
    }

    /**
     * The answer to the caller's offer: PCMU (payload 0) at 20 ms on {@link #local()}, or null when the
     * offer has no audio stream that takes PCMU (the call is then refused, 488).
     */
    public String answerSdp(String offerSdp) {
        var offer = Sdp.audioOf(offerSdp).filter(Sdp.AudioOffer::acceptsPcmu).filter(Sdp.AudioOffer::receivesMedia);
        if (offer.isEmpty()) {
            return null;
        }
        return Sdp.pcmu(local.getAddress().getHostAddress(), local.getPort(), System.currentTimeMillis(), "sendrecv");
    }

    /**
     * Plays the greeting to {@code remote}, then records. {@code atLimit} runs once, on a worker, when
     * the recording reaches its longest; after that nothing more is recorded. Only the first call counts.
     */
    public void start(InetSocketAddress remote, Runnable atLimit) {
        Objects.requireNonNull(atLimit, "atLimit");
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.GREETING;
            this.atLimit = atLimit;
            this.sendTo = remote;
            this.startedAt = voicemail.now();
            this.greeting = new RtpStream(remote, voicemail.greeting(), () -> { });
        }
        voicemail.activate(this);
    }

    /**
     * Stops recording and, when there is at least a second of audio, deposits the message (on a
     * worker: the SIP thread that calls this never waits for the database). A shorter message is a
     * caller who hung up at the tone, not a message: it is not kept. Then closes. Idempotent.
     */
    public void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        byte[] muLaw;
        Instant at;
        synchronized (this) {
            muLaw = state == State.RECORDING || state == State.STOPPED ? audio.muLaw() : new byte[0];
            at = startedAt;
        }
        close();
        if (muLaw.length < RtpAudio.SAMPLE_RATE) {
            LOG.fine(() -> "voicemail for " + mailbox + " (" + cause + "): " + muLaw.length
                    + " samples, under a second, not kept");
            return;
        }
        int seconds = Math.round(muLaw.length / (float) RtpAudio.SAMPLE_RATE);
        Optional<PhoneNumber> from = caller.hidden() ? Optional.empty() : caller.number();
        voicemail.deposit(new Deposit(mailbox, from, at, seconds, Wav.fromMuLaw(muLaw, RtpAudio.SAMPLE_RATE)));
    }

    /** Frees the port; the audio is dropped unless {@link #finish()} came first. Idempotent. */
    @Override
    public void close() {
        ScheduledFuture<?> timer;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            timer = limitTimer;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        voicemail.deactivate(this);
        try {
            socket.close();
        } catch (IOException failed) {
            LOG.log(Level.FINE, "voicemail socket did not close cleanly", failed);
        } finally {
            voicemail.release(port);
        }
    }

    /**
     * One 20 ms round on the voicemail's clock: takes what the caller sent, then sends the next frame of
     * the greeting, or, once it has played, starts the recording.
     */
    void tick(ByteBuffer buffer) {
        drain(buffer);
        synchronized (this) {
            if (state != State.GREETING) {
                return;
            }
            if (greeting.hasNext()) {
                send(greeting.nextPacket(buffer));
            }
            if (!greeting.hasNext()) {
                // From the moment the last frame leaves: what the caller says after the beep is kept.
                state = State.RECORDING;
                limitTimer = voicemail.clock().schedule(this::reachLimit, voicemail.maxSamples() * 1000L
                        / RtpAudio.SAMPLE_RATE, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void drain(ByteBuffer buffer) {
        try {
            for (int n = 0; n < MAX_PACKETS_PER_TICK; n++) {
                buffer.clear();
                SocketAddress from = socket.receive(buffer);
                if (from == null) {
                    return;
                }
                buffer.flip();
                received(from, buffer);
            }
        } catch (IOException closed) {
            LOG.log(Level.FINE, "voicemail socket", closed);
        }
    }

    private void received(SocketAddress from, ByteBuffer packet) {
        boolean full;
        synchronized (this) {
            datagrams++;
            // Symmetric RTP (RFC 4961): the greeting goes where the caller's audio comes from.
            sendTo = from;
            if (state != State.RECORDING) {
                return;
            }
            audio.accept(packet);
            full = audio.full();
        }
        if (full) {
            reachLimit();
        }
    }

    private void send(ByteBuffer packet) {
        try {
            socket.send(packet, sendTo);
        } catch (IOException | RuntimeException unreachable) {
            LOG.log(Level.FINE, "greeting to " + sendTo, unreachable);
        }
    }

    private void reachLimit() {
        synchronized (this) {
            if (state != State.RECORDING) {
                return;
            }
            state = State.STOPPED;
        }
        voicemail.run(atLimit);
    }

    /** Datagrams taken off the socket since the start, recorded or not. */
    synchronized int datagrams() {
        return datagrams;
    }

    /** Ports and recordings are counted by the voicemail; this is for the log. */
    @Override
    public String toString() {
        return "voicemail recording for " + mailbox + " on " + local;
    }
}
