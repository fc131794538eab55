package se.plus.adapters.sip;

import java.text.ParseException;
import java.util.List;
import javax.sip.message.Request;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.routing.Diversion;

/**
 * What a diverted call tells the next hop about its diversions: History-Info (RFC 7044) to everyone,
 * each retargeting with its cause (RFC 4458 codes), and Diversion (RFC 5806) towards the trunk, where
 * carriers still expect it, most recent first.
 */
final class DiversionHeaders {

    private DiversionHeaders() {
    }

    static void add(Request invite, List<Diversion> diversions, SipContext sip, boolean towardsTrunk)
            throws ParseException {
        if (diversions.isEmpty()) {
            return;
        }
        invite.addHeader(sip.headers().createHeader("History-Info", historyInfo(diversions, sip.domain())));
        if (towardsTrunk) {
            for (int i = diversions.size() - 1; i >= 0; i--) {
                Diversion diversion = diversions.get(i);
                invite.addHeader(sip.headers().createHeader("Diversion", "<" + uri(diversion.byNumber(), sip.domain())
                        + ">;reason=" + diversion.cause().reason() + ";counter=1"));
            }
        }
    }

    /**
     * One entry per user the call was meant for, then the current target: an entry that was retargeted
     * carries the Reason of its retargeting; each later one the RFC 4458 {@code cause} it was reached by,
     * and {@code mp} naming the entry it came from.
     */
    static String historyInfo(List<Diversion> diversions, String domain) {
        var entries = new StringBuilder();
        String index = "1";
        String reachedBy = null;
        for (Diversion diversion : diversions) {
            entries.append('<').append(uri(diversion.by().asPhoneNumber(), domain));
            if (reachedBy != null) {
                entries.append(";cause=").append(reachedBy);
            }
            entries.append("?Reason=SIP%3Bcause%3D").append(diversion.cause().sipCause())
                    .append(">;index=").append(index);
            if (index.length() > 1) {
                entries.append(";mp=").append(index, 0, index.length() - 2);
            }
            entries.append(", ");
            reachedBy = String.valueOf(diversion.cause().sipCause());
            index = index + ".1";
        }
        Diversion last = diversions.get(diversions.size() - 1);
        entries.append('<').append(uri(last.to(), domain)).append(";cause=").append(reachedBy)
                .append(">;index=").append(index).append(";mp=").append(index, 0, index.length() - 2);
        return entries.toString();
    }

    private static String uri(PhoneNumber number, String domain) {
        return number.isExtension() ? "sip:" + number.value() + "@" + domain
                : "sip:" + number.value() + "@" + domain + ";user=phone";
    }
}
