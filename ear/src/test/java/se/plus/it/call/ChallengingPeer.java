package se.plus.it.call;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted SIP peer over raw UDP, for what two test phones cannot show each other: digest challenges
 * as the server sends them. The test reads each request and writes each response itself.
 */
final class ChallengingPeer implements AutoCloseable {

    record Received(String text, SocketAddress from) {

        String firstLine() {
            return text.substring(0, text.indexOf("\r\n"));
        }

        String header(String name) {
            return headers(name).stream().findFirst().orElse(null);
        }

        List<String> headers(String name) {
            List<String> values = new ArrayList<>();
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    values.add(line.substring(colon + 1).trim());
                }
            }
            return values;
        }

        String body() {
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }
    }

    private final DatagramSocket socket;
    private String last;

    ChallengingPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(3000);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The next message, passing over UDP retransmissions of the one before. */
    Received receive() throws IOException {
        var buffer = new byte[8192];
        while (true) {
            var packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            if (!text.equals(last)) {
                last = text;
                return new Received(text, packet.getSocketAddress());
            }
        }
    }

    void reply(Received request, int status, String reason, String... extraHeaders) throws IOException {
        var response = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : request.headers("Via")) {
            response.append("Via: ").append(via).append("\r\n");
        }
        String to = request.header("To");
        response.append("From: ").append(request.header("From")).append("\r\n")
                .append("To: ").append(to).append(to.contains(";tag=") ? "" : ";tag=peer").append("\r\n")
                .append("Call-ID: ").append(request.header("Call-ID")).append("\r\n")
                .append("CSeq: ").append(request.header("CSeq")).append("\r\n");
        for (String header : extraHeaders) {
            response.append(header).append("\r\n");
        }
        send(response.append("Content-Length: 0\r\n\r\n").toString(), request.from());
    }

    void send(String message, SocketAddress to) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** A digest parameter, quoted or not, of an Authorization header value. */
    static String param(String header, String name) {
        Matcher value = Pattern.compile("[\\s,]" + name + "=(\"([^\"]*)\"|([^,\\s]*))").matcher(" " + header);
        if (!value.find()) {
            return null;
        }
        return value.group(2) != null ? value.group(2) : value.group(3);
    }

    @Override
    public void close() {
        socket.close();
    }
}
