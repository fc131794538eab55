package se.plus.adapters.sip;

import java.util.ArrayList;
import java.util.List;

/**
 * The tones a caller hears, generated once as 20 ms PCMU frames (G.711 μ-law, 8 kHz, 160 samples):
 * a short double beep for "done", a long beep before a voicemail recording, and the three rising tones of the ITU-T special information tone
 * (Rec. E.180: 950/1400/1800 Hz) for "refused", which people know as "this did not work".
 */
public enum Tone {
    CONFIRMATION(new int[][] {{1400, 120}, {0, 60}, {1400, 120}}),
    ERROR(new int[][] {{950, 200}, {1400, 200}, {1800, 200}}),
    /** The built-in voicemail's "speak after the tone": a moment of silence, then one long beep. */
    GREETING(new int[][] {{0, 200}, {1000, 600}}),
    /** What a caller hears while the user announces a transfer, played again and again: a soft beep a second. */
    HOLD(new int[][] {{425, 300}, {0, 700}});

    static final int SAMPLE_RATE = 8000;
    static final int FRAME_MILLIS = 20;
    static final int SAMPLES_PER_FRAME = SAMPLE_RATE * FRAME_MILLIS / 1000;

    private final List<byte[]> frames;

    Tone(int[][] segments) {
        this.frames = generate(segments);
    }

    /** The frames in order; shared and never modified. */
    public List<byte[]> frames() {
        return frames;
    }

    int millis() {
        return frames.size() * FRAME_MILLIS;
    }

    private static List<byte[]> generate(int[][] segments) {
        int total = 0;
        for (int[] s : segments) {
            total += s[1] * SAMPLE_RATE / 1000;
        }
        int padded = (total + SAMPLES_PER_FRAME - 1) / SAMPLES_PER_FRAME * SAMPLES_PER_FRAME;
        var pcm = new short[padded];
        int at = 0;
        for (int[] s : segments) {
            int n = s[1] * SAMPLE_RATE / 1000;
            for (int i = 0; i < n; i++) {
                // -10 dBm0-ish: loud enough to hear, far from clipping.
                pcm[at + i] = s[0] == 0 ? 0 : (short) (8000 * Math.sin(2 * Math.PI * s[0] * i / SAMPLE_RATE));
            }
            at += n;
        }
        var frames = new ArrayList<byte[]>();
        for (int f = 0; f < padded; f += SAMPLES_PER_FRAME) {
            var frame = new byte[SAMPLES_PER_FRAME];
            for (int i = 0; i < SAMPLES_PER_FRAME; i++) {
                frame[i] = muLaw(pcm[f + i]);
            }
            frames.add(frame);
        }
        return List.copyOf(frames);
    }

    /** G.711 μ-law encoding of one 16-bit linear sample. */
    static byte muLaw(short sample) {
        final int bias = 0x84;
        final int clip = 32635;
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        if (s > clip) {
            s = clip;
        }
        s += bias;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
