package se.plus.tools;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One SIP message as text, for the load tool's user agents: the start line, the header lines in their
 * order (names as sent) and the body, plus where it came from. Enough parsing for what the server
 * sends; the building of replies that copy a request's headers lives here too.
 */
record LoadSipMessage(String startLine, List<Map.Entry<String, String>> headers, String body,
                      InetSocketAddress source) {

    /** RFC 3261 §7.3.3 compact forms, as another implementation might send them. */
    private static final Map<String, String> COMPACT = Map.of("i", "call-id", "f", "from", "t", "to", "v", "via",
            "m", "contact", "l", "content-length", "c", "content-type");

    static LoadSipMessage parse(byte[] data, int length, InetSocketAddress source) {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalArgumentException("no end of headers");
        }
        String[] lines = text.substring(0, end).split("\r\n");
        var headers = new ArrayList<Map.Entry<String, String>>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                // RFC 3261 §7.3.1: a folded line continues the header above.
                var last = headers.remove(headers.size() - 1);
                headers.add(Map.entry(last.getKey(), last.getValue() + " " + line.trim()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
        }
        String body = text.substring(end + 4);
        var message = new LoadSipMessage(lines[0], List.copyOf(headers), body, source);
        String declared = message.header("Content-Length");
        if (declared != null) {
            int bytes = Integer.parseInt(declared.trim());
            byte[] raw = body.getBytes(StandardCharsets.UTF_8);
            if (bytes < raw.length) {
                message = new LoadSipMessage(lines[0], message.headers, new String(raw, 0, bytes, StandardCharsets.UTF_8), source);
            }
        }
        return message;
    }

    boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    int status() {
        return Integer.parseInt(startLine.substring(8, 11));
    }

    /** A request's method. */
    String method() {
        return startLine.substring(0, startLine.indexOf(' '));
    }

    /** The user part of a request's URI: whom of ours it is for. */
    String requestUser() {
        String uri = startLine.split(" ")[1];
        int colon = uri.indexOf(':');
        int at = uri.indexOf('@');
        return colon >= 0 && at > colon ? uri.substring(colon + 1, at) : "";
    }

    String header(String name) {
        String wanted = canonical(name);
        for (var header : headers) {
            if (canonical(header.getKey()).equals(wanted)) {
                return header.getValue();
            }
        }
        return null;
    }

    List<String> all(String name) {
        String wanted = canonical(name);
        return headers.stream().filter(header -> canonical(header.getKey()).equals(wanted)).map(Map.Entry::getValue).toList();
    }

    String callId() {
        return header("Call-ID");
    }

    long cseq() {
        return Long.parseLong(header("CSeq").trim().split("\\s+")[0]);
    }

    String cseqMethod() {
        return header("CSeq").trim().split("\\s+")[1];
    }

    /** The branch of the top Via: which of our transactions a response belongs to. */
    String branch() {
        String via = header("Via");
        return via == null ? null : param(via.split(",")[0], "branch");
    }

    String toTag() {
        return param(header("To"), "tag");
    }

    /** The URI of the first Contact, the remote target of a dialog (RFC 3261 §12.1.2). */
    String contactUri() {
        String contact = header("Contact");
        return contact == null ? null : uriOf(contact);
    }

    static String uriOf(String nameAddr) {
        int open = nameAddr.indexOf('<');
        if (open >= 0) {
            return nameAddr.substring(open + 1, nameAddr.indexOf('>', open));
        }
        int semicolon = nameAddr.indexOf(';');
        return (semicolon < 0 ? nameAddr : nameAddr.substring(0, semicolon)).trim();
    }

    /** A header parameter (after the name-addr's '>' if any), or null. */
    static String param(String value, String name) {
        if (value == null) {
            return null;
        }
        int close = value.indexOf('>');
        for (String part : value.substring(close + 1).split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0 && part.substring(0, equals).trim().equalsIgnoreCase(name)) {
                return part.substring(equals + 1).trim();
            }
        }
        return null;
    }

    /**
     * A response to this request (RFC 3261 §8.2.6.2): its Vias, From, Call-ID and CSeq as they came, the
     * To with our tag added, then {@code extra} header lines and the body.
     */
    String response(int status, String reason, String toTag, List<String> extra, String contentType, String content) {
        var out = new StringBuilder("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : all("Via")) {
            out.append("Via: ").append(via).append("\r\n");
        }
        String to = header("To");
        if (toTag != null && param(to, "tag") == null) {
            to = to + ";tag=" + toTag;
        }
        out.append("From: ").append(header("From")).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Call-ID: ").append(callId()).append("\r\n")
                .append("CSeq: ").append(header("CSeq")).append("\r\n");
        return finish(out, extra, contentType, content);
    }

    /** Header lines, then Content-Type (when there is a body), Content-Length and the body. */
    static String finish(StringBuilder out, List<String> extra, String contentType, String content) {
        for (String line : extra) {
            out.append(line).append("\r\n");
        }
        String body = content == null ? "" : content;
        if (!body.isEmpty()) {
            out.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return out.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n").append(body).toString();
    }

    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }
}
