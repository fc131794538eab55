package se.plus.adapters.sip.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SDP (RFC 4566) as the relay needs it: a peer's body rewritten so its audio comes to us, and where a
 * peer wants its own audio sent. Only the first audio stream is anchored; any other stream is declined
 * with port 0 (RFC 3264 §6) because the relay has no ports for it.
 */
public final class SdpAnchor {

    private static final String CRLF = "\r\n";
    private static final Pattern SDP_LINE = Pattern.compile("[a-z]=.*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * Attributes that describe the peer's own transport (ICE, RFC 8839; RTCP port, RFC 3605; RTCP
     * multiplexing, RFC 5761): through the relay they would send the other side past us, or onto a
     * port we do not listen on.
     */
    private static final List<String> TRANSPORT_ATTRIBUTES = List.of(
            "a=rtcp:", "a=candidate:", "a=ice-", "a=remote-candidates", "a=end-of-candidates", "a=rtcp-mux");

    private SdpAnchor() {
    }

    /**
     * The same description, with us as the address and {@code port} as the first audio stream's port.
     * Codecs, formats and direction attributes are kept. Null when {@code sdp} is not SDP with audio.
     */
    public static String rewrite(String sdp, String address, int port) {
        if (firstAudio(sdp) == null) {
            return null;
        }
        String addressType = address.contains(":") ? "IP6" : "IP4";
        var out = new StringBuilder(sdp.length() + 32);
        boolean audioAnchored = false;
        for (String line : lines(sdp)) {
            if (line.startsWith("o=")) {
                line = withOriginAddress(line, addressType, address);
            } else if (line.startsWith("c=")) {
                line = "c=IN " + addressType + " " + address;
            } else if (line.startsWith("m=")) {
                String[] fields = line.substring(2).split(" ", 3);
                boolean anchorHere = !audioAnchored && "audio".equals(fields[0]);
                audioAnchored |= anchorHere;
                line = "m=" + fields[0] + " " + (anchorHere ? port : 0) + (fields.length > 2 ? " " + fields[2] : "");
            } else if (isTransportAttribute(line)) {
                continue;
            }
            out.append(line).append(CRLF);
        }
        return out.toString();
    }

    /** Where the first audio stream is to be sent, or null: no audio, no address, port 0, or on hold at 0.0.0.0. */
    public static InetSocketAddress receiveAddress(String sdp) {
        Audio audio = firstAudio(sdp);
        if (audio == null || audio.port() == 0 || audio.address() == null) {
            return null;
        }
        InetAddress literal = ipLiteral(audio.address());
        if (literal == null || literal.isAnyLocalAddress()) {
            return null;
        }
        return new InetSocketAddress(literal, audio.port());
    }

    /**
     * The audio stream is on hold: sendonly or inactive (RFC 3264 §8.4), the media-level attribute
     * overriding the session-level one, or the older c=0.0.0.0 (RFC 2543).
     */
    public static boolean onHold(String sdp) {
        Audio audio = firstAudio(sdp);
        if (audio == null) {
            return false;
        }
        String direction = audio.mediaDirection() != null ? audio.mediaDirection() : audio.sessionDirection();
        return "sendonly".equals(direction) || "inactive".equals(direction) || "0.0.0.0".equals(audio.address());
    }

    /**
     * The payload type of {@code telephone-event/8000} (RFC 4733 §7.1.1) in the first audio stream,
     * where the phone's keys arrive in the RTP; -1 when the stream offers none or the SDP is malformed.
     * The type must also be among the m-line's formats: an rtpmap for a format not offered means nothing.
     */
    public static int telephoneEventPayload(String sdp) {
        if (firstAudio(sdp) == null) {
            return -1;
        }
        List<String> formats = null;
        for (String line : lines(sdp)) {
            if (line.startsWith("m=")) {
                if (formats != null) {
                    break;
                }
                String[] fields = line.substring(2).trim().split("\\s+");
                if ("audio".equals(fields[0])) {
                    formats = List.of(fields).subList(3, fields.length);
                }
            } else if (formats != null && line.startsWith("a=rtpmap:")) {
                int payloadType = telephoneEventIn(line.substring("a=rtpmap:".length()));
                if (payloadType >= 0 && formats.contains(Integer.toString(payloadType))) {
                    return payloadType;
                }
            }
        }
        return -1;
    }

    /** {@code <pt> telephone-event/8000[/1]} → pt; -1 for another encoding, rate or a malformed line. */
    private static int telephoneEventIn(String rtpmap) {
        String[] fields = rtpmap.trim().split("\\s+");
        if (fields.length != 2) {
            return -1;
        }
        String[] encoding = fields[1].split("/");
        if (encoding.length < 2 || !"telephone-event".equalsIgnoreCase(encoding[0]) || !"8000".equals(encoding[1])) {
            return -1;
        }
        if (!fields[0].matches("\\d{1,3}")) {
            return -1;
        }
        int payloadType = Integer.parseInt(fields[0]);
        return payloadType <= 127 ? payloadType : -1;
    }

    /** The first audio stream: its port, its effective connection address, and direction attributes. */
    private record Audio(int port, String address, String sessionDirection, String mediaDirection) {
    }

    private enum Section { SESSION, AUDIO, OTHER_MEDIA }

    private static Audio firstAudio(String sdp) {
        if (sdp == null) {
            return null;
        }
        List<String> lines = lines(sdp);
        if (lines.isEmpty() || !lines.get(0).startsWith("v=")
                || !lines.stream().allMatch(line -> SDP_LINE.matcher(line).matches())) {
            return null;
        }
        Section section = Section.SESSION;
        int port = -1;
        String sessionAddress = null;
        String sessionDirection = null;
        String mediaAddress = null;
        String mediaDirection = null;
        for (String line : lines) {
            if (line.startsWith("m=")) {
                if (section == Section.AUDIO) {
                    break;
                }
                String[] fields = line.substring(2).trim().split("\\s+");
                if ("audio".equals(fields[0])) {
                    port = fields.length >= 4 ? portOf(fields[1]) : -1;
                    if (port < 0) {
                        return null;
                    }
                    section = Section.AUDIO;
                } else {
                    section = Section.OTHER_MEDIA;
                }
            } else if (line.startsWith("c=")) {
                String[] fields = line.substring(2).trim().split("\\s+");
                String address = fields.length >= 3 ? fields[2].split("/")[0] : null;
                if (section == Section.SESSION) {
                    sessionAddress = address;
                } else if (section == Section.AUDIO) {
                    mediaAddress = address;
                }
            } else if (isDirection(line)) {
                if (section == Section.SESSION) {
                    sessionDirection = line.substring(2);
                } else if (section == Section.AUDIO) {
                    mediaDirection = line.substring(2);
                }
            }
        }
        if (section != Section.AUDIO) {
            return null;
        }
        return new Audio(port, mediaAddress != null ? mediaAddress : sessionAddress, sessionDirection, mediaDirection);
    }

    /** An m= line's port ("49170" or "49170/2"), or -1 when malformed. */
    private static int portOf(String field) {
        try {
            int port = Integer.parseInt(field.split("/")[0]);
            return port >= 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException malformed) {
            return -1;
        }
    }

    private static boolean isDirection(String line) {
        return line.equals("a=sendrecv") || line.equals("a=sendonly") || line.equals("a=recvonly") || line.equals("a=inactive");
    }

    private static boolean isTransportAttribute(String line) {
        for (String prefix : TRANSPORT_ATTRIBUTES) {
            if (line.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** o=username sess-id sess-version nettype addrtype unicast-address (RFC 4566 §5.2). */
    private static String withOriginAddress(String line, String addressType, String address) {
        String[] fields = line.substring(2).trim().split("\\s+");
        if (fields.length != 6) {
            return line;
        }
        fields[4] = addressType;
        fields[5] = address;
        return "o=" + String.join(" ", fields);
    }

    private static List<String> lines(String sdp) {
        return sdp.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * An IP address written as such, or null. A host name is not looked up: that would block a SIP
     * thread on DNS, and phones write addresses.
     */
    private static InetAddress ipLiteral(String host) {
        try {
            var v4 = IPV4.matcher(host);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            // With a colon, getByName only parses an IPv6 literal; it never asks DNS.
            return IPV6.matcher(host).matches() ? InetAddress.getByName(host) : null;
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }
}
