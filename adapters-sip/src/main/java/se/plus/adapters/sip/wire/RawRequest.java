package se.plus.adapters.sip.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the wire carried it: start line, unfolded header lines, body. Enough to see what
 * JAIN-SIP's parser hides (duplicates, the version) and to rebuild the text with a line replaced.
 */
final class RawRequest {

    /** RFC 3261 §7.3.1: at most one of each; the compact forms count as the same field. */
    private static final Map<String, String> SINGLE_VALUED = Map.ofEntries(
            Map.entry("call-id", "Call-ID"), Map.entry("i", "Call-ID"), Map.entry("from", "From"), Map.entry("f", "From"),
            Map.entry("to", "To"), Map.entry("t", "To"), Map.entry("cseq", "CSeq"), Map.entry("max-forwards", "Max-Forwards"),
            Map.entry("content-length", "Content-Length"), Map.entry("l", "Content-Length"),
            Map.entry("content-type", "Content-Type"), Map.entry("c", "Content-Type"));

    final String startLine;
    final List<String> headers;
    final String body;

    private RawRequest(String startLine, List<String> headers, String body) {
        this.startLine = startLine;
        this.headers = headers;
        this.body = body;
    }

    /** A response, an empty keep-alive or an ACK (never answered) is none of our business. */
    static boolean isAnswerableRequest(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        if (i == bytes.length) {
            return false;
        }
        String start = new String(bytes, i, Math.min(4, bytes.length - i), StandardCharsets.ISO_8859_1);
        return !start.startsWith("SIP/") && !start.startsWith("ACK ");
    }

    static RawRequest of(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).stripLeading();
        // The headers end at the first empty line, whether lines end in CRLF, in LF (JAIN-SIP's TCP
        // reader drops the CRs) or in a mix of both.
        int end = text.length();
        int bodyStart = text.length();
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (text.startsWith("\r\n", i + 1) || text.startsWith("\n", i + 1)) {
                end = i;
                bodyStart = i + (text.charAt(i + 1) == '\r' ? 3 : 2);
                break;
            }
        }
        String[] lines = text.substring(0, end).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
        }
        var headers = new ArrayList<String>();
        for (int i = 1; i < lines.length; i++) {
            // RFC 3261 §7.3.1: a line starting with white space continues the previous one.
            if (!headers.isEmpty() && !lines[i].isEmpty() && (lines[i].charAt(0) == ' ' || lines[i].charAt(0) == '\t')) {
                headers.set(headers.size() - 1, headers.get(headers.size() - 1) + " " + lines[i].strip());
            } else {
                headers.add(lines[i]);
            }
        }
        return new RawRequest(lines[0], headers, text.substring(bodyStart));
    }

    String method() {
        int space = startLine.indexOf(' ');
        return space < 0 ? startLine : startLine.substring(0, space);
    }

    /** The first thing wrong with the message itself that the parser would not tell us. */
    Optional<Malformation> problem() {
        String[] parts = startLine.strip().split("\\s+");
        String version = parts[parts.length - 1];
        if (version.regionMatches(true, 0, "SIP/", 0, 4) && !version.equals("SIP/2.0")) {
            return Optional.of(new Malformation(505, "version " + version));
        }
        if (parts.length == 3 && hasUnbracketedIpv6Host(parts[1])) {
            return Optional.of(new Malformation(400, "IPv6 address without brackets in the Request-URI"));
        }
        var seen = new HashMap<String, Integer>();
        for (String header : headers) {
            String name = name(header);
            String field = SINGLE_VALUED.get(name);
            if (field != null && seen.merge(field, 1, Integer::sum) > 1) {
                return Optional.of(new Malformation(400, "duplicate " + field));
            }
            if (field != null && field.equals("Max-Forwards") && !isByte(value(header))) {
                return Optional.of(new Malformation(400, "bad Max-Forwards"));
            }
        }
        if (cseqContradictsMethod()) {
            return Optional.of(new Malformation(400, "CSeq method " + cseqMethod() + " in a " + method()));
        }
        return Optional.empty();
    }

    /**
     * RFC 5118 §4.2: an IPv6 address in a SIP URI is an IPv6reference, "[" and "]" around it (RFC 3261
     * §25.1). JAIN-SIP's parser takes {@code sip:2001:db8::10} as it is; the RFC asks for a 400. A
     * host part with more than one colon and no bracket can only be such an address.
     */
    static boolean hasUnbracketedIpv6Host(String uri) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            return false;
        }
        // The user part may hold ';' and the headers '@'; the parameters after the host hold neither '@'.
        String rest = uri.substring(colon + 1);
        int headers = rest.indexOf('?');
        String beforeHeaders = headers < 0 ? rest : rest.substring(0, headers);
        String hostAndParameters = beforeHeaders.substring(beforeHeaders.lastIndexOf('@') + 1);
        int parameters = hostAndParameters.indexOf(';');
        String hostport = parameters < 0 ? hostAndParameters : hostAndParameters.substring(0, parameters);
        return !hostport.startsWith("[") && hostport.indexOf(':') != hostport.lastIndexOf(':');
    }

    /** RFC 3261 §8.1.1.5: the CSeq's method is the request's. */
    boolean cseqContradictsMethod() {
        String cseqMethod = cseqMethod();
        return cseqMethod != null && !cseqMethod.equals(method());
    }

    /** The method of the (first) CSeq, null when there is none or it is not "number method". */
    String cseqMethod() {
        for (String header : headers) {
            if (name(header).equals("cseq")) {
                String[] parts = value(header).split("\\s+");
                return parts.length == 2 ? parts[1] : null;
            }
        }
        return null;
    }

    /** The number of the (first) CSeq, "1" when it has none. */
    String cseqNumber() {
        for (String header : headers) {
            if (name(header).equals("cseq")) {
                String[] parts = value(header).split("\\s+");
                return parts[0].matches("\\d{1,9}") ? parts[0] : "1";
            }
        }
        return "1";
    }

    /** More than one Content-Length, or one that is no number of octets: the body's end is unknown. */
    boolean contentLengthUnclear() {
        int seen = 0;
        for (String header : headers) {
            String name = name(header);
            if (name.equals("content-length") || name.equals("l")) {
                seen++;
                if (!value(header).matches("\\d+")) {
                    return true;
                }
            }
        }
        return seen > 1;
    }

    /** The body's size the headers announce (0 when they do not, or not sensibly). */
    int announcedBodyLength() {
        for (String header : headers) {
            String name = name(header);
            if ((name.equals("content-length") || name.equals("l")) && value(header).matches("\\d{1,7}")) {
                return Integer.parseInt(value(header));
            }
        }
        return 0;
    }

    static String name(String header) {
        int colon = header.indexOf(':');
        return colon < 0 ? "" : header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    }

    static String value(String header) {
        int colon = header.indexOf(':');
        return colon < 0 ? "" : header.substring(colon + 1).strip();
    }

    /** RFC 3261 §20.22: Max-Forwards is 0 to 255. */
    private static boolean isByte(String value) {
        return value.matches("\\d{1,9}") && Integer.parseInt(value) <= 255;
    }

    boolean has(String... names) {
        for (String header : headers) {
            for (String n : names) {
                if (name(header).equals(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    RawRequest withStartLine(String line) {
        return new RawRequest(line, headers, body);
    }

    /** The same request with every header line equal to {@code old} (unfolded, trimmed) replaced. */
    RawRequest replacing(String old, String replacement) {
        String wanted = old.strip().replaceAll("\\s+", " ");
        var replaced = new ArrayList<String>();
        for (String header : headers) {
            replaced.add(header.strip().replaceAll("\\s+", " ").equals(wanted) ? replacement : header);
        }
        return new RawRequest(startLine, replaced, body);
    }

    RawRequest replacingAll(String name, String replacement) {
        var replaced = new ArrayList<String>();
        for (String header : headers) {
            if (!name(header).equals(name)) {
                replaced.add(header);
            }
        }
        replaced.add(replacement);
        return new RawRequest(startLine, replaced, body);
    }

    RawRequest adding(String header) {
        var added = new ArrayList<>(headers);
        added.add(header);
        return new RawRequest(startLine, added, body);
    }

    int bodyLength() {
        return body.getBytes(StandardCharsets.ISO_8859_1).length;
    }

    byte[] bytes() {
        var text = new StringBuilder(startLine).append("\r\n");
        headers.forEach(h -> text.append(h).append("\r\n"));
        return text.append("\r\n").append(body).toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
