package se.plus.adapters.sip.voicemail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A voicemail message as a WAV file: RIFF/WAVE, 16-bit linear PCM, mono, 8 kHz. The caller's μ-law is
 * expanded rather than stored as WAVE format 7 (μ-law): twice the bytes (16 kB a second, under 2 MB for
 * the longest message), but every player and browser plays linear PCM, and the expansion loses nothing.
 */
final class Wav {

    static final int BITS = 16;
    private static final int HEADER = 44;
    private static final short[] LINEAR = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            LINEAR[i] = expand((byte) i);
        }
    }

    private Wav() {
    }

    static byte[] fromMuLaw(byte[] muLaw, int sampleRate) {
        int dataBytes = muLaw.length * 2;
        ByteBuffer wav = ByteBuffer.allocate(HEADER + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        wav.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        wav.put(ascii("fmt ")).putInt(16)
                .putShort((short) 1)            // PCM
                .putShort((short) 1)            // mono
                .putInt(sampleRate)
                .putInt(sampleRate * 2)         // bytes per second
                .putShort((short) 2)            // bytes per sample frame
                .putShort((short) BITS);
        wav.put(ascii("data")).putInt(dataBytes);
        for (byte sample : muLaw) {
            wav.putShort(LINEAR[sample & 0xFF]);
        }
        return wav.array();
    }

    /** G.711 μ-law to 16-bit linear (the inverse of the tones' encoding). */
    static short expand(byte muLaw) {
        int u = ~muLaw & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = (((u & 0x0F) << 3) + 0x84) << exponent;
        return (short) ((u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84);
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
