package se.plus.adapters.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import se.plus.application.port.out.ComponentProbe;

/**
 * Health of the SIP listener, probed the way a phone would: an OPTIONS over UDP that must come back
 * 200. A flag set at start-up would still say "up" after the receive thread died.
 */
@ApplicationScoped
class SipProbe implements ComponentProbe {

    private static final int TIMEOUT_MILLIS = 1500;

    @Inject
    SipSettings settings;

    @Override
    public String component() {
        return "sip";
    }

    @Override
    public boolean isUp() {
        String host = settings.loopbackReachableAddress();
        try (var socket = new DatagramSocket(0, InetAddress.getByName(host))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String id = UUID.randomUUID().toString();
            byte[] request = options(host, settings.port(), socket.getLocalPort(), id).getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(request, request.length, InetAddress.getByName(host), settings.port()));
            var buffer = new byte[4096];
            long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
            while (System.currentTimeMillis() < deadline) {
                var packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                if (response.contains(id)) {
                    return response.startsWith("SIP/2.0 200");
                }
            }
            return false;
        } catch (IOException noAnswer) {
            return false;
        }
    }

    private static String options(String host, int port, int localPort, String id) {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "OPTIONS sip:health@" + hostPart + ":" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + hostPart + ":" + localPort + ";branch=z9hG4bK" + id + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:health@" + hostPart + ">;tag=" + id.substring(0, 8) + "\r\n"
                + "To: <sip:health@" + hostPart + ">\r\n"
                + "Call-ID: " + id + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
