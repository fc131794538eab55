package se.plus.adapters.sip.voicemail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.plus.adapters.sip.Tone;
import se.plus.adapters.sip.media.PortPool;
import se.plus.application.port.in.LeaveVoicemailUseCase.Deposit;
import se.plus.domain.call.CallParty;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.routing.DiversionCause;

/** The recording over real UDP sockets: a phone on loopback plays the caller. */
class BuiltInVoicemailTest {

    private static final Instant NOW = Instant.parse("2026-12-01T09:30:00Z");
    private static final Extension MAILBOX = Extension.of("1002");
    private static final CallParty CALLER = new CallParty(Optional.of(Extension.of("1001")),
            Optional.of(PhoneNumber.of("1001")), "Anna", false);
    private static final int FRAME = 160;
    /** Loud, not silence: every sample of a sent packet decodes far from 0. */
    private static final byte SPEECH = (byte) 0x10;

    private final ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1);
    private final BlockingQueue<Deposit> deposits = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        clock.shutdownNow();
    }

    private BuiltInVoicemail voicemail(Duration maxLength) throws IOException {
        var voicemail = new BuiltInVoicemail("127.0.0.1", new PortPool(47000, 47999), clock, Runnable::run,
                deposit -> {
                    deposits.add(deposit);
                    return Optional.of("id");
                }, Tone.GREETING.frames(), maxLength, Clock.fixed(NOW, ZoneOffset.UTC));
        closing.add(voicemail);
        return voicemail;
    }

    private DatagramChannel phone() throws IOException {
        var phone = DatagramChannel.open();
        phone.bind(new InetSocketAddress("127.0.0.1", 0));
        phone.socket().setSoTimeout(3000);
        closing.add(phone);
        return phone;
    }

    @Test
    void five_seconds_with_a_lost_reordered_and_repeated_packet_make_a_five_second_wav_with_silence_in_the_gap()
            throws Exception {
        Recording recording = voicemail(Duration.ofSeconds(120)).open(MAILBOX, CALLER, DiversionCause.NO_ANSWER).orElseThrow();
        DatagramChannel phone = phone();
        recording.start((InetSocketAddress) phone.getLocalAddress(), () -> { });
        hearGreeting(phone);

        var order = new ArrayList<Integer>();
        for (int i = 0; i < 250; i++) {
            if (i < 100 || i >= 110) {          // 100..109 lost: 200 ms gap
                order.add(i);
            }
        }
        int at50 = order.indexOf(50);
        order.set(at50, 51);                    // 51 before 50
        order.set(at50 + 1, 50);
        order.add(order.indexOf(60) + 1, 60);   // 60 twice
        for (int i : order) {
            phone.send(packet(1000 + i, 8000 + FRAME * i, 0x1234, 0, SPEECH), recording.local());
        }
        awaitReceived(recording, order.size());

        recording.finish();
        Deposit deposit = deposits.poll(5, TimeUnit.SECONDS);
        assertNotNull(deposit, "the message was deposited");
        assertEquals(MAILBOX, deposit.mailbox());
        assertEquals(Optional.of(PhoneNumber.of("1001")), deposit.from());
        assertEquals(NOW, deposit.at());
        assertEquals(5, deposit.seconds());
        short[] pcm = decode(deposit.wav());
        assertEquals(250 * FRAME, pcm.length, "5 s at 8 kHz");
        for (int s = 0; s < pcm.length; s++) {
            boolean inGap = s >= 100 * FRAME && s < 110 * FRAME;
            if (inGap) {
                assertEquals(0, pcm[s], "sample " + s + " of the gap is silence");
            } else {
                assertNotEquals(0, pcm[s], "sample " + s + " is what the caller sent");
            }
        }
    }

    @Test
    void the_limit_stops_the_recording_and_calls_atLimit_once() throws Exception {
        Recording recording = voicemail(Duration.ofSeconds(1)).open(MAILBOX, CALLER, DiversionCause.BUSY).orElseThrow();
        DatagramChannel phone = phone();
        var limits = new CountDownLatch(1);
        var calls = new java.util.concurrent.atomic.AtomicInteger();
        recording.start((InetSocketAddress) phone.getLocalAddress(), () -> {
            calls.incrementAndGet();
            limits.countDown();
        });
        hearGreeting(phone);
        for (int i = 0; i < 75; i++) {          // 1.5 s: more than the limit
            phone.send(packet(i, FRAME * i, 7, 0, SPEECH), recording.local());
        }
        assertTrue(limits.await(5, TimeUnit.SECONDS), "atLimit ran");
        recording.finish();
        Deposit deposit = deposits.poll(5, TimeUnit.SECONDS);
        assertNotNull(deposit);
        assertEquals(1, deposit.seconds());
        assertEquals(RtpAudio.SAMPLE_RATE, decode(deposit.wav()).length, "nothing past the limit");
        assertEquals(1, calls.get());
    }

    @Test
    void less_than_a_second_is_not_kept() throws Exception {
        Recording recording = voicemail(Duration.ofSeconds(120)).open(MAILBOX, CALLER, DiversionCause.PROFILE).orElseThrow();
        DatagramChannel phone = phone();
        recording.start((InetSocketAddress) phone.getLocalAddress(), () -> { });
        hearGreeting(phone);
        for (int i = 0; i < 25; i++) {
            phone.send(packet(i, FRAME * i, 7, 0, SPEECH), recording.local());
        }
        awaitReceived(recording, 25);
        recording.finish();
        assertNull(deposits.poll(), "the deposit runs in finish() here (direct worker): none was made");
    }

    @Test
    void close_frees_the_port_whether_or_not_the_call_started() throws Exception {
        BuiltInVoicemail voicemail = voicemail(Duration.ofSeconds(120));
        Recording unstarted = voicemail.open(MAILBOX, CALLER, DiversionCause.UNAVAILABLE).orElseThrow();
        Recording started = voicemail.open(MAILBOX, CALLER, DiversionCause.UNAVAILABLE).orElseThrow();
        started.start((InetSocketAddress) phone().getLocalAddress(), () -> { });
        assertEquals(2, voicemail.recordings());
        assertEquals(2, voicemail.portsInUse());

        unstarted.close();
        started.close();
        started.close();
        started.finish();

        assertEquals(0, voicemail.recordings());
        assertEquals(0, voicemail.portsInUse());
        for (Recording r : List.of(unstarted, started)) {
            try (var again = DatagramChannel.open()) {
                again.bind(r.local());
            }
        }
        assertNull(deposits.poll(), "closing keeps nothing");
    }

    @Test
    void answers_pcmu_at_20_ms_on_its_port_and_refuses_an_offer_without_pcmu() throws Exception {
        Recording recording = voicemail(Duration.ofSeconds(120)).open(MAILBOX, CALLER, DiversionCause.NO_ANSWER).orElseThrow();
        String answer = recording.answerSdp("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n");
        assertTrue(answer.contains("m=audio " + recording.local().getPort() + " RTP/AVP 0\r\n"), answer);
        assertTrue(answer.contains("c=IN IP4 127.0.0.1\r\n"), answer);
        assertTrue(answer.contains("a=ptime:20\r\n"), answer);
        assertNull(recording.answerSdp("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 8\r\n"));
    }

    @Test
    void the_wav_is_16_bit_pcm_at_8_khz_and_decodes_to_the_callers_samples() throws Exception {
        byte[] muLaw = new byte[8000];
        Arrays.fill(muLaw, RtpAudio.SILENCE);
        muLaw[10] = SPEECH;
        byte[] wav = Wav.fromMuLaw(muLaw, 8000);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
            assertEquals(8000f, format.getSampleRate());
            assertEquals(16, format.getSampleSizeInBits());
            assertEquals(1, format.getChannels());
            assertEquals(8000, in.getFrameLength());
        }
        short[] pcm = decode(wav);
        assertEquals(0, pcm[0]);
        assertEquals(Wav.expand(SPEECH), pcm[10]);
        assertEquals(-15996, pcm[10], "G.711 table: 0x10 is -15996");
        assertEquals(-32124, Wav.expand((byte) 0x00), "G.711 table: 0x00 is -32124");
        assertEquals(32124, Wav.expand((byte) 0x80), "G.711 table: 0x80 is 32124");
        assertArrayEquals(new short[] {0, 0}, Arrays.copyOfRange(pcm, 11, 13));
    }

    /** Reads the whole greeting the voicemail sends: from then on, it records. */
    private static void hearGreeting(DatagramChannel phone) throws IOException {
        var buffer = ByteBuffer.allocate(2048);
        for (int frame = 0; frame < Tone.GREETING.frames().size(); frame++) {
            buffer.clear();
            phone.socket().receive(new java.net.DatagramPacket(buffer.array(), buffer.capacity()));
        }
    }

    /** Waits (re-checking by parking) until the voicemail has taken every datagram the phone sent. */
    private static void awaitReceived(Recording recording, int datagrams) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (recording.datagrams() < datagrams && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertEquals(datagrams, recording.datagrams(), "datagrams the voicemail took off its socket");
    }

    private static ByteBuffer packet(int sequence, int timestamp, int ssrc, int payloadType, byte sample) {
        var packet = ByteBuffer.allocate(12 + FRAME);
        packet.put((byte) 0x80).put((byte) payloadType).putShort((short) sequence).putInt(timestamp).putInt(ssrc);
        for (int i = 0; i < FRAME; i++) {
            packet.put(sample);
        }
        return packet.flip();
    }

    private static short[] decode(byte[] wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            byte[] bytes = in.readAllBytes();
            var samples = ByteBuffer.wrap(bytes).order(in.getFormat().isBigEndian() ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            short[] pcm = new short[samples.remaining()];
            samples.get(pcm);
            return pcm;
        }
    }
}
