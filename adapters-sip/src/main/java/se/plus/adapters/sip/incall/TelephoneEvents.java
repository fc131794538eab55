package se.plus.adapters.sip.incall;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The keys a phone presses, read from the RFC 4733 telephone-events in its RTP as the relay forwards
 * them. One instance per receiving direction of a call, used by the relay loop's thread only.
 *
 * <p>A sender repeats an event's packets while the key is held, all with the event's RTP timestamp,
 * and sends the last one (E bit set) three times (RFC 4733 §2.5.1.4). A key is reported once, at
 * its first end packet; when a later event begins and no end packet of the earlier one arrived (all
 * lost, §2.5.1.4 and §5), the earlier key is reported then, and should that packet already end the
 * later key too, the later key is reported with the next packet, whatever it is. Packets older than
 * the current event (reordered, late copies) are ignored, so they cannot report a key twice.
 *
 * <p>This runs for every packet on the relay's hot path: absolute reads only (the buffer is
 * forwarded afterwards), no allocation but for a reported key, whose Optional is shared.
 */
public final class TelephoneEvents {

    private static final int RTP_VERSION = 2;
    private static final int FIXED_HEADER = 12;
    private static final int EVENT_PAYLOAD = 4;
    private static final int END_BIT = 0x80;
    /** Event codes 0–11 are the keys 0–9, * and # (RFC 4733 §3.2); 12–15 (A–D) have no meaning here. */
    private static final String KEYS = "0123456789*#";
    private static final Optional<Character>[] REPORTED = reports();
    /**
     * A key held past 0xFFFF timestamp units (8 s at 8 kHz) goes on in a new segment with a new
     * timestamp and no end packet for the old one (RFC 4733 §2.5.1.3). A segment that reached this
     * far is taken as such, allowing half a second of lost packets at its end.
     */
    private static final int NEARLY_FULL_SEGMENT = 0xFFFF - 4000;

    private final int payloadType;

    private boolean tracking;
    private int ssrc;
    private int timestamp;
    private int event;
    private int duration;
    private boolean ended;
    private boolean reported;

    /** @param payloadType the telephone-event payload type of this direction, or -1: none, nothing is ever reported */
    public TelephoneEvents(int payloadType) {
        this.payloadType = payloadType;
    }

    /**
     * The key this datagram completes, if any. Reads the RTP packet between position and limit and
     * leaves both as they are; anything that is not an RTP telephone-event of our payload type is
     * passed over.
     */
    public Optional<Character> packet(ByteBuffer rtp) {
        if (payloadType < 0) {
            return Optional.empty();
        }
        Optional<Character> key = read(rtp);
        if (key.isEmpty() && tracking && ended && !reported) {
            // An ended key that could not be reported with its packet, which reported the key before it.
            return reportOnce();
        }
        return key;
    }

    private Optional<Character> read(ByteBuffer rtp) {
        int start = rtp.position();
        int end = rtp.limit();
        if (end - start < FIXED_HEADER) {
            return Optional.empty();
        }
        int first = rtp.get(start) & 0xFF;
        if (first >>> 6 != RTP_VERSION || (rtp.get(start + 1) & 0x7F) != payloadType) {
            return Optional.empty();
        }
        int payload = start + FIXED_HEADER + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            // Header extension (RFC 3550 §5.3.1): 16 bits profile, 16 bits length in 32-bit words.
            if (payload + 4 > end) {
                return Optional.empty();
            }
            payload += 4 + 4 * (rtp.getShort(payload + 2) & 0xFFFF);
        }
        if ((first & 0x20) != 0) {
            // Padding (RFC 3550 §5.1): the last octet counts the padding octets, itself included.
            if (end - 1 < payload) {
                return Optional.empty();
            }
            int padding = rtp.get(end - 1) & 0xFF;
            if (padding == 0) {
                return Optional.empty();
            }
            end -= padding;
        }
        if (payload + EVENT_PAYLOAD > end) {
            return Optional.empty();
        }
        return event(rtp.getInt(start + 8), rtp.getInt(start + 4), rtp.get(payload) & 0xFF,
                (rtp.get(payload + 1) & END_BIT) != 0, rtp.getShort(payload + 2) & 0xFFFF);
    }

    private Optional<Character> event(int packetSsrc, int packetTimestamp, int packetEvent, boolean end, int packetDuration) {
        if (tracking && packetSsrc == ssrc && packetTimestamp == timestamp) {
            duration = Math.max(duration, packetDuration);
            ended |= end;
            return end ? reportOnce() : Optional.empty();
        }
        if (tracking && packetSsrc == ssrc && packetTimestamp - timestamp < 0) {
            return Optional.empty();
        }
        if (continuesHeldKey(packetSsrc, packetTimestamp, packetEvent)) {
            timestamp = packetTimestamp;
            duration = packetDuration;
            ended = end;
            return end ? reportOnce() : Optional.empty();
        }
        Optional<Character> unfinished = tracking && !reported ? keyOf(event) : Optional.empty();
        tracking = true;
        ssrc = packetSsrc;
        timestamp = packetTimestamp;
        event = packetEvent;
        duration = packetDuration;
        ended = end;
        reported = false;
        if (unfinished.isPresent()) {
            return unfinished;
        }
        return end ? reportOnce() : Optional.empty();
    }

    private boolean continuesHeldKey(int packetSsrc, int packetTimestamp, int packetEvent) {
        return tracking && !ended && packetSsrc == ssrc && packetEvent == event && duration >= NEARLY_FULL_SEGMENT
                && Integer.compareUnsigned(packetTimestamp - timestamp, duration) >= 0
                && Integer.compareUnsigned(packetTimestamp - timestamp, 0xFFFF) <= 0;
    }

    private Optional<Character> reportOnce() {
        if (reported) {
            return Optional.empty();
        }
        reported = true;
        return keyOf(event);
    }

    private static Optional<Character> keyOf(int event) {
        return event < REPORTED.length ? REPORTED[event] : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Character>[] reports() {
        Optional<Character>[] reports = new Optional[KEYS.length()];
        for (int i = 0; i < reports.length; i++) {
            reports[i] = Optional.of(KEYS.charAt(i));
        }
        return reports;
    }
}
