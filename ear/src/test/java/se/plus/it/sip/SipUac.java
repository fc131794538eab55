package se.plus.it.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny phone over UDP for what SIPp cannot check: the RTP that arrives, a CANCEL in the middle of a
 * refusal, an INVITE without SDP. One dialog at a time; digest MD5 with qop=auth.
 */
final class SipUac implements AutoCloseable {

    final DatagramSocket sip;
    final DatagramSocket rtp;
    private final int serverPort;
    private final String user;
    private final String password;
    final String callId = UUID.randomUUID().toString();
    private final String fromTag = UUID.randomUUID().toString().substring(0, 8);
    String toTag;
    String lastInviteBranch;

    SipUac(int serverPort, String user, String password) throws IOException {
        this.sip = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.sip.setSoTimeout(5000);
        this.rtp.setSoTimeout(3000);
        this.serverPort = serverPort;
        this.user = user;
        this.password = password;
    }

    String sdp() {
        return "v=0\r\no=it 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + rtp.getLocalPort() + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    /** INVITE, 407, ACK, INVITE with credentials: returns the first answer after that (skipping 100). */
    String inviteWithCredentials(String code, String body) throws IOException {
        String uri = "sip:" + code + "@127.0.0.1:" + serverPort;
        send(invite(uri, 1, null, body));
        String challenge = receiveFinalOr183();
        if (!challenge.startsWith("SIP/2.0 407")) {
            throw new IllegalStateException("expected 407: " + challenge);
        }
        send(ack(uri, 1, lastInviteBranch, header(challenge, "To")));
        String nonce = param(challenge, "nonce");
        String ha1 = md5(user + ":plus.local:" + password);
        String ha2 = md5("INVITE:" + uri);
        String response = md5(ha1 + ":" + nonce + ":00000001:c0ffee:auth:" + ha2);
        String auth = "Proxy-Authorization: Digest username=\"" + user + "\",realm=\"plus.local\",nonce=\"" + nonce
                + "\",uri=\"" + uri + "\",response=\"" + response + "\",algorithm=MD5,qop=auth,nc=00000001,cnonce=\"c0ffee\"\r\n";
        send(invite(uri, 2, auth, body));
        return receiveFinalOr183();
    }

    String receiveFinalOr183() throws IOException {
        while (true) {
            String message = receive();
            if (!message.startsWith("SIP/2.0 100")) {
                String to = header(message, "To");
                Matcher tag = Pattern.compile(";tag=([^;>\\s]+)").matcher(to == null ? "" : to);
                if (tag.find()) {
                    toTag = tag.group(1);
                }
                return message;
            }
        }
    }

    /**
     * The next message of our call. Another call's message is skipped: the OS may give this socket the port
     * of an earlier test's, and the server still retransmits that call's unacknowledged final response.
     */
    String receive() throws IOException {
        var buffer = new byte[16384];
        while (true) {
            var packet = new DatagramPacket(buffer, buffer.length);
            sip.receive(packet);
            String message = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            String theirs = header(message, "Call-ID");
            if (theirs == null || theirs.trim().equals(callId)) {
                return message;
            }
        }
    }

    /** RTP packets until silence: how many, and whether all were PCMU (payload type 0). */
    int[] receiveRtp() throws IOException {
        int count = 0;
        int pcmu = 0;
        var buffer = new byte[2048];
        try {
            while (true) {
                var packet = new DatagramPacket(buffer, buffer.length);
                rtp.receive(packet);
                rtp.setSoTimeout(1500);
                count++;
                if ((buffer[1] & 0x7F) == 0 && packet.getLength() == 172) {
                    pcmu++;
                }
            }
        } catch (SocketTimeoutException silence) {
            return new int[] {count, pcmu};
        }
    }

    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        sip.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
    }

    String invite(String uri, int cseq, String auth, String body) {
        lastInviteBranch = "z9hG4bK" + UUID.randomUUID();
        String content = body == null ? "" : body;
        return "INVITE " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + sip.getLocalPort() + ";branch=" + lastInviteBranch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=" + fromTag + "\r\n"
                + "To: <" + uri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " INVITE\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + sip.getLocalPort() + ">\r\n"
                + (auth == null ? "" : auth)
                + (body == null ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + content.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + content;
    }

    /** ACK: of a failure with the INVITE's branch, of a 200 with a new one (RFC 3261 §17.1.1.3, §13.2.2.4). */
    String ack(String uri, int cseq, String branch, String toHeader) {
        return ack(uri, cseq, branch, toHeader, null);
    }

    String ack(String uri, int cseq, String branch, String toHeader, String body) {
        String content = body == null ? "" : body;
        return "ACK " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + sip.getLocalPort() + ";branch=" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=" + fromTag + "\r\n"
                + "To: " + toHeader + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " ACK\r\n"
                + (body == null ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + content.length() + "\r\n\r\n" + content;
    }

    String cancel(String uri, int cseq) {
        return "CANCEL " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + sip.getLocalPort() + ";branch=" + lastInviteBranch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=" + fromTag + "\r\n"
                + "To: <" + uri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " CANCEL\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** 200 to a request the server sent (its BYE): the same Via, From, To, Call-ID and CSeq. */
    static String okTo(String request) {
        var response = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String name : new String[] {"Via", "From", "To", "Call-ID", "CSeq"}) {
            response.append(name).append(": ").append(header(request, name)).append("\r\n");
        }
        return response.append("Content-Length: 0\r\n\r\n").toString();
    }

    static String header(String message, String name) {
        for (String line : message.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    static String body(String message) {
        int at = message.indexOf("\r\n\r\n");
        return at < 0 ? "" : message.substring(at + 4);
    }

    private static String param(String message, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]+)\"").matcher(message);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + message);
        }
        return m.group(1);
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void close() {
        sip.close();
        rtp.close();
    }
}
