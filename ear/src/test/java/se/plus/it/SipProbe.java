package se.plus.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A minimal SIP client over UDP for smoke checks: one request, the first line of the answer. */
public final class SipProbe {

    private SipProbe() {
    }

    /** The status line of the answer to an OPTIONS, or null when nothing answered within the timeout. */
    public static String options(int port, int timeoutMillis) throws IOException {
        try (var socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(timeoutMillis);
            String id = UUID.randomUUID().toString();
            String request = "OPTIONS sip:100@127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK" + id + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:smoke@127.0.0.1>;tag=" + id.substring(0, 8) + "\r\n"
                    + "To: <sip:100@127.0.0.1>\r\n"
                    + "Call-ID: " + id + "\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            var buffer = new byte[8192];
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException silence) {
                return null;
            }
            String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
            return response.lines().findFirst().orElse("");
        }
    }
}
