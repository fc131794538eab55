package se.plus.infrastructure.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import se.plus.application.port.out.Binding;
import se.plus.domain.dialstring.Dialect;

/**
 * A user's bindings as one string, the form they take in the shared cache: a line per binding, its
 * fields separated by tabs, {@code %}, tab and line breaks escaped. A string is marshalled by every
 * node the same way, whatever classes the deployment has; an empty list is no entry at all.
 */
final class BindingCodec {

    private static final int FIELDS = 8;

    private BindingCodec() {
    }

    static String encode(List<Binding> bindings) {
        if (bindings.isEmpty()) {
            return null;
        }
        var out = new StringBuilder();
        for (Binding b : bindings) {
            out.append(escape(b.contact())).append('\t').append(b.expires().toEpochMilli()).append('\t')
                    .append(escape(b.callId())).append('\t').append(b.cseq()).append('\t').append(b.q()).append('\t')
                    .append(b.dialect().name()).append('\t').append(escape(b.userAgent())).append('\t')
                    .append(escape(b.source())).append('\n');
        }
        return out.toString();
    }

    static List<Binding> decode(String stored) {
        if (stored == null) {
            return List.of();
        }
        var bindings = new ArrayList<Binding>();
        for (String line : stored.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length != FIELDS) {
                throw new IllegalStateException("not a stored binding: " + line);
            }
            bindings.add(new Binding(unescape(f[0]), Instant.ofEpochMilli(Long.parseLong(f[1])), unescape(f[2]),
                    Long.parseLong(f[3]), Float.parseFloat(f[4]), Dialect.valueOf(f[5]), unescape(f[6]), unescape(f[7])));
        }
        return bindings;
    }

    private static String escape(String text) {
        if (text == null) {
            return "%N";
        }
        return text.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A");
    }

    private static String unescape(String text) {
        if (text.equals("%N")) {
            return null;
        }
        return text.replace("%0A", "\n").replace("%09", "\t").replace("%25", "%");
    }
}
