package se.plus.it.sip;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Hand-made datagrams for what SIPp will not send: broken messages, and requests from a chosen address. */
final class RawSip {

    private RawSip() {
    }

    static String options(String localIp, int port, int timeoutMillis) throws IOException {
        String id = UUID.randomUUID().toString();
        String answer = exchange(localIp, port, timeoutMillis, socketPort -> "OPTIONS sip:100@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + localIp + ":" + socketPort + ";branch=z9hG4bK" + id + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:it@127.0.0.1>;tag=" + id.substring(0, 8) + "\r\n"
                + "To: <sip:100@127.0.0.1>\r\n"
                + "Call-ID: " + id + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n");
        return answer == null ? null : answer.lines().findFirst().orElse("");
    }

    interface Message {
        String text(int localPort);
    }

    /** Sends one datagram and returns the whole first non-provisional answer, or null on silence. */
    static String exchange(String localIp, int port, int timeoutMillis, Message message) throws IOException {
        try (var socket = new DatagramSocket(0, InetAddress.getByName(localIp))) {
            socket.setSoTimeout(timeoutMillis);
            return exchange(socket, port, message.text(socket.getLocalPort()).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** The same from a socket of the caller's (bound where the answer must come back), its timeout set. */
    static String exchange(DatagramSocket socket, int port, byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        var buffer = new byte[65536];
        while (true) {
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException silence) {
                return null;
            }
            String answer = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (!answer.startsWith("SIP/2.0 1")) {
                return answer;
            }
        }
    }
}
