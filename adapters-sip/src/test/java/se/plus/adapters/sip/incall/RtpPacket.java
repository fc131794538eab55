package se.plus.adapters.sip.incall;

import java.io.ByteArrayOutputStream;

/**
 * An RTP packet (RFC 3550 §5.1) written octet by octet, for tests: by default version 2, no padding,
 * no extension, no CSRC, carrying one RFC 4733 event (§2.3) or any payload.
 */
final class RtpPacket {

    static final int TELEPHONE_EVENT = 101;

    private int version = 2;
    private int payloadType = TELEPHONE_EVENT;
    private boolean marker;
    private int sequence = 1;
    private long timestamp = 8000;
    private long ssrc = 0x1234_5678L;
    private int csrcCount;
    private int extensionWords = -1;
    private int padding;
    private byte[] payload = new byte[0];

    static RtpPacket event(int event, boolean end, int duration) {
        var packet = new RtpPacket();
        packet.payload = new byte[] {
                (byte) event,
                (byte) ((end ? 0x80 : 0) | 10), // E, R = 0, volume -10 dBm0
                (byte) (duration >>> 8), (byte) duration};
        return packet;
    }

    static RtpPacket audio(int payloadType, int octets) {
        var packet = new RtpPacket();
        packet.payloadType = payloadType;
        packet.payload = new byte[octets];
        return packet;
    }

    RtpPacket version(int v) {
        this.version = v;
        return this;
    }

    RtpPacket payloadType(int pt) {
        this.payloadType = pt;
        return this;
    }

    RtpPacket marker() {
        this.marker = true;
        return this;
    }

    RtpPacket sequence(int seq) {
        this.sequence = seq;
        return this;
    }

    RtpPacket timestamp(long ts) {
        this.timestamp = ts;
        return this;
    }

    RtpPacket ssrc(long s) {
        this.ssrc = s;
        return this;
    }

    RtpPacket csrcs(int count) {
        this.csrcCount = count;
        return this;
    }

    RtpPacket extension(int words) {
        this.extensionWords = words;
        return this;
    }

    RtpPacket padding(int octets) {
        this.padding = octets;
        return this;
    }

    byte[] bytes() {
        var out = new ByteArrayOutputStream();
        out.write(version << 6 | (padding > 0 ? 0x20 : 0) | (extensionWords >= 0 ? 0x10 : 0) | csrcCount);
        out.write((marker ? 0x80 : 0) | payloadType);
        out.write(sequence >>> 8);
        out.write(sequence);
        writeInt(out, timestamp);
        writeInt(out, ssrc);
        for (int i = 0; i < csrcCount; i++) {
            writeInt(out, 0xC5C0_0000L + i);
        }
        if (extensionWords >= 0) {
            out.write(0xBE);
            out.write(0xDE);
            out.write(extensionWords >>> 8);
            out.write(extensionWords);
            for (int i = 0; i < extensionWords; i++) {
                // Words that would read as an event of 9, ended, if the parser did not skip them.
                writeInt(out, 0x0980_00A0L);
            }
        }
        out.writeBytes(payload);
        for (int i = 1; i < padding; i++) {
            out.write(0);
        }
        if (padding > 0) {
            out.write(padding);
        }
        return out.toByteArray();
    }

    private static void writeInt(ByteArrayOutputStream out, long value) {
        out.write((int) (value >>> 24));
        out.write((int) (value >>> 16));
        out.write((int) (value >>> 8));
        out.write((int) value);
    }
}
