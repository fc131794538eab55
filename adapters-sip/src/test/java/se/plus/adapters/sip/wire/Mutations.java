package se.plus.adapters.sip.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Valid SIP messages broken the ways the wire breaks them: truncated, a header line duplicated, a
 * value blown up, random bytes written in, a wrong Content-Length, a mangled SDP body.
 */
public final class Mutations {

    private Mutations() {
    }

    /** A valid message mutated once or a few times over. */
    public static Arbitrary<byte[]> of(List<byte[]> valid) {
        Arbitrary<byte[]> base = Arbitraries.of(valid);
        return base.flatMap(message -> mutation().list().ofMinSize(1).ofMaxSize(3)
                .map(steps -> apply(message, steps)));
    }

    private interface Step {
        byte[] on(byte[] message);
    }

    private static byte[] apply(byte[] message, List<Step> steps) {
        byte[] out = message;
        for (Step step : steps) {
            out = step.on(out);
        }
        return out;
    }

    private static Arbitrary<Step> mutation() {
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        return Arbitraries.oneOf(
                where.map(at -> (Step) m -> Arrays.copyOf(m, (int) (m.length * at))),
                where.map(at -> (Step) m -> duplicateLine(m, at)),
                Combinators.combine(where, Arbitraries.integers().between(100, 9000))
                        .as((at, times) -> (Step) m -> blowUpLine(m, at, times)),
                Combinators.combine(where, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(40))
                        .as((at, noise) -> (Step) m -> insert(m, at, noise)),
                Arbitraries.of("-1", "0", "99999", "18446744073709551617", "", "abc", "1 2")
                        .map(length -> (Step) m -> replaceHeader(m, "Content-Length", length)),
                where.map(at -> (Step) m -> mangleBody(m, at)));
    }

    static byte[] duplicateLine(byte[] message, double at) {
        List<String> lines = lines(message);
        int i = 1 + (int) ((lines.size() - 1) * at);
        if (i < lines.size()) {
            lines.add(i, lines.get(i));
        }
        return join(lines);
    }

    static byte[] blowUpLine(byte[] message, double at, int times) {
        List<String> lines = lines(message);
        int i = (int) ((lines.size() - 1) * at);
        lines.set(i, lines.get(i) + "x".repeat(times));
        return join(lines);
    }

    static byte[] insert(byte[] message, double at, byte[] noise) {
        int i = (int) (message.length * at);
        byte[] out = new byte[message.length + noise.length];
        System.arraycopy(message, 0, out, 0, i);
        System.arraycopy(noise, 0, out, i, noise.length);
        System.arraycopy(message, i, out, i + noise.length, message.length - i);
        return out;
    }

    static byte[] replaceHeader(byte[] message, String name, String value) {
        List<String> lines = lines(message);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                lines.set(i, name + ": " + value);
            }
        }
        return join(lines);
    }

    /** SDP lines lost, doubled or emptied after the blank line. */
    static byte[] mangleBody(byte[] message, double at) {
        List<String> lines = lines(message);
        int blank = lines.indexOf("");
        if (blank < 0 || blank == lines.size() - 1) {
            return message;
        }
        int i = blank + 1 + (int) ((lines.size() - blank - 2) * at);
        String line = lines.get(i);
        lines.set(i, line.isEmpty() ? "m=audio" : line.substring(0, Math.min(line.length(), 2)) + " \u0000 " + line);
        return join(lines);
    }

    private static List<String> lines(byte[] message) {
        return new ArrayList<>(Arrays.asList(new String(message, StandardCharsets.ISO_8859_1).split("\r\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }
}
