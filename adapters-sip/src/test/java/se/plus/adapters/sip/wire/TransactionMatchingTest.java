package se.plus.adapters.sip.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3261 §17.2.3 on RFC 5118's messages, most of which share the branch z9hG4bKas3-111. */
class TransactionMatchingTest {

    static {
        gov.nist.core.CommonLogger.legacyLogger = new se.plus.adapters.sip.stacklog.JulStackLogger();
        gov.nist.core.CommonLogger.useLegacyLogger = true;
    }

    @ParameterizedTest(name = "{0} then {1}: {2}")
    @CsvSource({
        "via-received-param-with-delim, via-received-param-with-delim, true",
        "via-received-param-with-delim, mult-ip-in-header, false",
        "via-received-param-with-delim, mult-ip-in-sdp, false",
        "ipv6-good, port-ambiguous, true",
        "ipv6-good, ipv6-in-sdp, false",
        "mult-ip-in-sdp, mult-ip-in-sdp-ack, true",
    })
    void aRequestBelongsToATransactionOfTheSameBranchSentByAndMethod(String first, String then, boolean same)
            throws Exception {
        assertEquals(same, TransactionMatching.sameTransaction(request(first), request(then)));
    }

    private static SIPRequest request(String name) throws Exception {
        boolean ack = name.endsWith("-ack");
        String text = new String(Rfc5118ParsingTest.rfc5118(ack ? name.substring(0, name.length() - 4) : name),
                StandardCharsets.ISO_8859_1);
        if (ack) {
            // The ACK of a non-2xx answer carries the INVITE's branch (RFC 3261 §17.1.1.3).
            text = text.replaceFirst("^INVITE", "ACK").replace(" INVITE\r\n", " ACK\r\n");
        }
        return (SIPRequest) ValidatingParserTest.parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
