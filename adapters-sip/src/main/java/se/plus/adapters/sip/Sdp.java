package se.plus.adapters.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough SDP (RFC 4566, offer/answer RFC 3264) to play a tone: where the phone wants audio, and
 * whether it takes PCMU, the one codec every SIP phone has.
 */
public final class Sdp {

    public static final int PCMU = 0;

    /** Where to send RTP, and the payload types offered for audio. */
    public record AudioOffer(String address, int port, List<Integer> payloadTypes) {

        public boolean acceptsPcmu() {
            return payloadTypes.contains(PCMU);
        }

        /** Port 0 or a hold address: the phone takes no media (RFC 3264 §5.1, §8.4). */
        public boolean receivesMedia() {
            return port > 0 && !"0.0.0.0".equals(address);
        }
    }

    private Sdp() {
    }

    /** The first audio stream of an offer, or empty when there is none (or the body is not SDP). */
    public static Optional<AudioOffer> audioOf(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String sessionAddress = null;
        String mediaAddress = null;
        Integer port = null;
        List<Integer> payloads = new ArrayList<>();
        boolean inAudio = false;
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("m=")) {
                if (port != null) {
                    break;
                }
                String[] f = line.substring(2).trim().split("\\s+");
                inAudio = f.length >= 4 && "audio".equals(f[0]);
                if (inAudio) {
                    try {
                        port = Integer.parseInt(f[1].split("/")[0]);
                        for (int i = 3; i < f.length; i++) {
                            payloads.add(Integer.parseInt(f[i]));
                        }
                    } catch (NumberFormatException malformed) {
                        return Optional.empty();
                    }
                }
            } else if (line.startsWith("c=")) {
                String[] f = line.substring(2).trim().split("\\s+");
                String address = f.length >= 3 ? f[2].split("/")[0] : null;
                if (inAudio) {
                    mediaAddress = address;
                } else if (port == null) {
                    sessionAddress = address;
                }
            }
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        if (port == null || address == null || port < 0 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new AudioOffer(address, port, List.copyOf(payloads)));
    }

    /**
     * Our side: PCMU from {@code port}, send-only (we only play tones). Used both as an answer and,
     * when the INVITE had no SDP, as our offer.
     */
    static String pcmuSendOnly(String address, int port, long sessionId) {
        return pcmu(address, port, sessionId, "sendonly");
    }

    /** PCMU at 20 ms from {@code port}, in {@code direction} ({@code sendrecv}, {@code sendonly}, ...). */
    public static String pcmu(String address, int port, long sessionId, String direction) {
        String ipVersion = address.contains(":") ? "IP6" : "IP4";
        return "v=0\r\n"
                + "o=plus " + sessionId + " " + sessionId + " IN " + ipVersion + " " + address + "\r\n"
                + "s=plus\r\n"
                + "c=IN " + ipVersion + " " + address + "\r\n"
                + "t=0 0\r\n"
                + "m=audio " + port + " RTP/AVP 0\r\n"
                + "a=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\n"
                + "a=" + direction + "\r\n";
    }
}
