package se.plus.it.call;

import java.net.InetSocketAddress;

/** The little SDP a test phone writes and reads: one PCMU audio stream on the phone's loopback address. */
final class Sdp {

    static final String SENDRECV = "sendrecv";
    static final String SENDONLY = "sendonly";
    static final String RECVONLY = "recvonly";
    static final String INACTIVE = "inactive";
    /** The payload type of RFC 4733 keys, as many phones choose it. */
    static final int TELEPHONE_EVENT = 101;

    private Sdp() {
    }

    static String audio(String user, String host, long version, int rtpPort, String direction) {
        return "v=0\r\n"
                + "o=" + user + " 1 " + version + " IN IP4 " + host + "\r\n"
                + "s=plus test phone\r\n"
                + "c=IN IP4 " + host + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0 " + TELEPHONE_EVENT + "\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:" + TELEPHONE_EVENT + " telephone-event/8000\r\n"
                + "a=fmtp:" + TELEPHONE_EVENT + " 0-15\r\n"
                + "a=ptime:20\r\n"
                + "a=" + direction + "\r\n";
    }

    /** The direction attribute in force; the last one wins, so a media-level one overrides the session's. */
    static String direction(String sdp) {
        String direction = SENDRECV;
        for (String line : sdp.split("\r?\n")) {
            String attribute = line.trim();
            if (attribute.equals("a=" + SENDONLY) || attribute.equals("a=" + RECVONLY)
                    || attribute.equals("a=" + INACTIVE) || attribute.equals("a=" + SENDRECV)) {
                direction = attribute.substring(2);
            }
        }
        return direction;
    }

    /** RFC 3264 §6.1: the answer mirrors a one-way offer; a held party answers "recvonly". */
    static String answering(String offeredDirection) {
        return switch (offeredDirection) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case INACTIVE -> INACTIVE;
            default -> SENDRECV;
        };
    }

    /** Where the audio goes: the first m=audio's port, at its own c= address or else the session's. */
    static InetSocketAddress audioAddress(String sdp) {
        String sessionHost = null;
        String mediaHost = null;
        int port = -1;
        boolean inSession = true;
        boolean inAudio = false;
        for (String line : sdp.split("\r?\n")) {
            String field = line.trim();
            if (field.startsWith("m=")) {
                if (inAudio) {
                    break;
                }
                inSession = false;
                inAudio = field.startsWith("m=audio ");
                if (inAudio) {
                    port = Integer.parseInt(field.split(" ")[1]);
                }
            } else if (field.startsWith("c=") && (inSession || inAudio)) {
                // c=IN IP4 <address>[/ttl]
                String[] parts = field.substring(2).split(" ");
                String host = parts[parts.length - 1].split("/")[0];
                if (inAudio) {
                    mediaHost = host;
                } else {
                    sessionHost = host;
                }
            }
        }
        String host = mediaHost != null ? mediaHost : sessionHost;
        if (host == null || port < 0) {
            throw new IllegalArgumentException("no audio address in SDP:\n" + sdp);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
