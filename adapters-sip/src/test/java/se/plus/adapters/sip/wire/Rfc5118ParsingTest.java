package se.plus.adapters.sip.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 5118's IPv6 messages (§4) through the parser the stack uses, as a datagram (the whole message)
 * and as JAIN-SIP's TCP reader hands it over (the header lines without their CRs). Only §4.2 is
 * malformed; the others carry IPv6 references the parser must take as they are.
 */
class Rfc5118ParsingTest {

    static {
        gov.nist.core.CommonLogger.legacyLogger = new se.plus.adapters.sip.stacklog.JulStackLogger();
        gov.nist.core.CommonLogger.useLegacyLogger = true;
    }

    @ParameterizedTest(name = "§{0} {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
        4.1  | ipv6-good                     | 0
        4.2  | ipv6-bad                      | 400
        4.3  | port-ambiguous                | 0
        4.4  | port-unambiguous              | 0
        4.5  | via-received-param-with-delim | 0
        4.5  | via-received-param-no-delim   | 0
        4.6  | ipv6-in-sdp                   | 0
        4.7  | mult-ip-in-header             | 0
        4.8  | mult-ip-in-sdp                | 0
        4.9  | ipv4-mapped-ipv6              | 0
        4.10 | ipv6-bug-abnf-3-colons        | 0
        4.10 | ipv6-correct-abnf-2-colons    | 0
        """)
    void eachMessageIsMarkedAsTheRfcJudgesIt(String section, String name, int status) throws Exception {
        byte[] bytes = rfc5118(name);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String headersAsTcpReadsThem = text.substring(0, text.indexOf("\r\n\r\n") + 2).replace("\r\n", "\n") + "\r\n\r\n";

        for (SIPMessage message : new SIPMessage[] {
            new ValidatingParser().parseSIPMessage(bytes, true, false, ValidatingParserTest.STACK),
            new ValidatingParser().parseSIPMessage(headersAsTcpReadsThem.getBytes(StandardCharsets.ISO_8859_1), false,
                    false, ValidatingParserTest.STACK)}) {
            assertTrue(message instanceof SIPRequest, name);
            Optional<Malformation> problem = ((Received) message.getApplicationData()).problem();
            assertEquals(status, problem.map(Malformation::status).orElse(0), name + ": " + problem);
            assertNotNull(message.getTopmostVia(), name);
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "sip:2001:db8::10, true",
        "sips:user@2001:db8::10;transport=tcp, true",
        "sip:[2001:db8::10]:5070, false",
        "sip:[2001:db8::10:5070], false",
        "sip:user:secret@example.com:5060, false",
        "sip:a;b=c@[::1]?Route=sip:x@y:1, false",
        "tel:+46:70:123, false",
    })
    void onlyAnIpv6AddressOutsideBracketsIsRefused(String uri, boolean refused) {
        assertEquals(refused, RawRequest.hasUnbracketedIpv6Host(uri), uri);
    }

    static byte[] rfc5118(String name) throws IOException {
        try (InputStream in = Rfc5118ParsingTest.class.getResourceAsStream("/rfc5118/" + name + ".dat")) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }
}
