package se.plus.adapters.sip;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One tone on its way to one phone (from the tone player, or from the built-in voicemail's own socket): RTP (RFC 3550) packets of PCMU, one per 20 ms tick, then a
 * completion (send the BYE or the final response). Stopping it (CANCEL, BYE from the phone) skips the
 * completion.
 */
public final class RtpStream {

    private static final int HEADER = 12;

    private final InetSocketAddress to;
    private final List<byte[]> frames;
    private final Runnable whenPlayed;
    private final int ssrc;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private int next;
    private int sequence;
    private int timestamp;

    public RtpStream(InetSocketAddress to, List<byte[]> frames, Runnable whenPlayed) {
        this.to = to;
        this.frames = frames;
        this.whenPlayed = whenPlayed;
        var random = ThreadLocalRandom.current();
        this.ssrc = random.nextInt();
        this.sequence = random.nextInt(0x10000);
        this.timestamp = random.nextInt();
    }

    InetSocketAddress destination() {
        return to;
    }

    public boolean hasNext() {
        return !stopped.get() && next < frames.size();
    }

    /** The next packet, written into {@code buffer} (flipped, ready to send). */
    public ByteBuffer nextPacket(ByteBuffer buffer) {
        byte[] payload = frames.get(next);
        buffer.clear();
        buffer.put((byte) 0x80);
        // The marker bit on the first packet: the start of a talkspurt (RFC 3551 §4.1).
        buffer.put((byte) ((next == 0 ? 0x80 : 0) | Sdp.PCMU));
        buffer.putShort((short) sequence);
        buffer.putInt(timestamp);
        buffer.putInt(ssrc);
        buffer.put(payload);
        buffer.flip();
        next++;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += payload.length;
        return buffer;
    }

    public static int maxPacketSize() {
        return HEADER + Tone.SAMPLES_PER_FRAME;
    }

    /** Stops the tone; true when it was still playing (so the caller's ending replaces ours). */
    boolean stop() {
        return stopped.compareAndSet(false, true);
    }

    /** Runs the completion once, unless stopped. */
    void complete() {
        if (stopped.compareAndSet(false, true)) {
            whenPlayed.run();
        }
    }
}
