package se.plus.tools;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** The SDP of the load tool's agents: one PCMU stream offered or answered, and where the other side's goes. */
final class LoadSdp {

    private LoadSdp() {
    }

    static String audio(String user, int rtpPort) {
        return "v=0\r\n"
                + "o=" + user + " 1 1 IN IP4 " + LoadSip.HOST + "\r\n"
                + "s=plus anchored call load\r\n"
                + "c=IN IP4 " + LoadSip.HOST + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + rtpPort + " RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=sendrecv\r\n";
    }

    /** The first m=audio's port at its own c= address or else the session's; null when there is none. */
    static InetSocketAddress audioAddress(String sdp) {
        if (sdp == null) {
            return null;
        }
        String sessionHost = null;
        String mediaHost = null;
        int port = -1;
        boolean inAudio = false;
        boolean inSession = true;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (inAudio) {
                    break;
                }
                inSession = false;
                inAudio = line.startsWith("m=audio ");
                if (inAudio) {
                    port = Integer.parseInt(line.split(" ")[1]);
                }
            } else if (line.startsWith("c=") && (inSession || inAudio)) {
                String[] parts = line.trim().split(" ");
                String host = parts[parts.length - 1].split("/")[0];
                if (inAudio) {
                    mediaHost = host;
                } else {
                    sessionHost = host;
                }
            }
        }
        String host = mediaHost != null ? mediaHost : sessionHost;
        if (host == null || port <= 0) {
            return null;
        }
        try {
            // A literal address: no name lookup.
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }
}
