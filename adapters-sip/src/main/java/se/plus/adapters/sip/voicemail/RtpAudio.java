package se.plus.adapters.sip.voicemail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The caller's PCMU put back in order: each packet's payload goes where its RTP timestamp says (RFC
 * 3550 §5.1), so a lost packet leaves silence of its length, a late one still lands in its place, and
 * one seen before (same sequence number) is dropped. Other payload types (telephone-events, comfort
 * noise) are not audio we keep; a gap they leave is silence too.
 *
 * <p>Not thread-safe: its recording serialises the calls.
 */
final class RtpAudio {

    static final int SAMPLE_RATE = 8000;
    /** μ-law of linear 0: what every sample is until a packet says otherwise. */
    static final byte SILENCE = (byte) 0xFF;

    private static final int HEADER = 12;
    private static final int PCMU = 0;
    /** A sequence number this far behind the first one is from before the recording, not a late packet. */
    private static final int HALF_SEQUENCE_SPACE = 0x8000;

    private final int maxSamples;
    private byte[] samples = new byte[SAMPLE_RATE];
    private int end;
    private boolean started;
    private int ssrc;
    private int firstTimestamp;
    private int firstSequence;
    private BitSet seen = new BitSet();
    private int duplicates;
    private int outside;

    RtpAudio(int maxSamples) {
        this.maxSamples = maxSamples;
        Arrays.fill(samples, SILENCE);
    }

    /** Takes one datagram (position to limit); false when it was not audio we keep. */
    boolean accept(ByteBuffer packet) {
        int length = packet.remaining();
        if (length < HEADER) {
            return false;
        }
        int at = packet.position();
        int first = packet.get(at) & 0xFF;
        if (first >> 6 != 2 || (packet.get(at + 1) & 0x7F) != PCMU) {
            return false;
        }
        int payloadStart = HEADER + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (length < payloadStart + 4) {
                return false;
            }
            payloadStart += 4 + 4 * (packet.getShort(at + payloadStart + 2) & 0xFFFF);
        }
        int payloadEnd = length - ((first & 0x20) != 0 ? packet.get(at + length - 1) & 0xFF : 0);
        if (payloadEnd <= payloadStart) {
            return false;
        }
        int sequence = packet.getShort(at + 2) & 0xFFFF;
        int timestamp = packet.getInt(at + 4);
        int source = packet.getInt(at + 8);
        if (!started || source != ssrc) {
            // A new source (a phone that restarts its stream, a transfer) goes on where the audio ends.
            started = true;
            ssrc = source;
            firstTimestamp = timestamp - end;
            firstSequence = sequence;
            seen = new BitSet();
        }
        int sequenceOffset = (sequence - firstSequence) & 0xFFFF;
        int sampleOffset = timestamp - firstTimestamp;
        if (sequenceOffset >= HALF_SEQUENCE_SPACE || sampleOffset < 0 || sampleOffset >= maxSamples) {
            outside++;
            return false;
        }
        if (seen.get(sequenceOffset)) {
            duplicates++;
            return false;
        }
        seen.set(sequenceOffset);
        int n = Math.min(payloadEnd - payloadStart, maxSamples - sampleOffset);
        ensureCapacity(sampleOffset + n);
        packet.get(at + payloadStart, samples, sampleOffset, n);
        end = Math.max(end, sampleOffset + n);
        return true;
    }

    private void ensureCapacity(int needed) {
        if (needed > samples.length) {
            int old = samples.length;
            samples = Arrays.copyOf(samples, Math.min(maxSamples, Math.max(needed, old * 2)));
            Arrays.fill(samples, old, samples.length, SILENCE);
        }
    }

    /** Samples from the first packet to the end of the latest-timed one. */
    int samples() {
        return end;
    }

    boolean full() {
        return end >= maxSamples;
    }

    /** The μ-law samples, one byte each at 8 kHz. */
    byte[] muLaw() {
        return Arrays.copyOf(samples, end);
    }

    int duplicates() {
        return duplicates;
    }

    /** Packets from before the recording began, or beyond its limit. */
    int outside() {
        return outside;
    }
}
