package se.plus.adapters.sip.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import java.io.IOException;
import java.io.InputStream;
import java.text.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4475's own messages through the parser the stack uses: what each is marked with. */
class ValidatingParserTest {

    /** What JAIN-SIP's channels do with a field that does not parse (UDPMessageChannel.handleException). */
    static final ParseExceptionListener STACK = (ex, message, headerClass, header, text) -> {
        if (headerClass != null && headerClass.getSimpleName().matches("From|To|CSeq|Via|CallID|ContentLength|RequestLine|StatusLine")) {
            throw ex;
        }
        message.addUnparsed(header);
    };

    static byte[] rfc4475(String name) throws IOException {
        try (InputStream in = ValidatingParserTest.class.getResourceAsStream("/rfc4475/" + name + ".dat")) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    static SIPMessage parse(byte[] bytes) throws ParseException {
        return new ValidatingParser().parseSIPMessage(bytes, true, false, STACK);
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
        "badvers, 505, Version Not Supported",
        "multi01, 400, Duplicate CSeq",
        "mcl01, 400, Duplicate Content-Length",
        "insuf, 400, Missing Required Header",
        "scalar02, 400, Bad Max-Forwards",
        "quotbal, 400, Bad To",
        "ltgtruri, 400, Bad Request-Line",
        "lwsruri, 400, Bad Request-Line",
        "badinv01, 400, Bad Via",
        "clerr, 400, Bad Content-Length",
        "ncl, 400, Bad Content-Length",
    })
    void aMalformedRequestReachesTheListenerMarkedWithWhatIsWrong(String name, int status, String reason) throws Exception {
        byte[] bytes = rfc4475(name);

        SIPMessage message = parse(bytes);

        assertTrue(message instanceof SIPRequest, name);
        assertEquals(new Malformation(status, reason, bytes.length), message.getApplicationData());
        assertNotNull(message.getFrom());
        assertNotNull(message.getTo());
        assertNotNull(message.getCallId());
        assertNotNull(message.getCSeq());
        assertNotNull(message.getTopmostVia());
    }

    @ParameterizedTest
    @CsvSource({"wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports",
        "mpart01", "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec", "baddn", "mismatch01", "mismatch02",
        "badbranch", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01", "zeromf", "cparam01", "cparam02",
        "regescrt", "sdp01", "inv2543"})
    void aWellFormedRequestIsNotMarked(String name) throws Exception {
        SIPMessage message = parse(rfc4475(name));

        assertTrue(message instanceof SIPRequest, name);
        assertNull(message.getApplicationData(), name);
    }

    @ParameterizedTest
    @CsvSource({"unreason", "noreason", "bcast"})
    void aResponseIsParsedAsTheStackWould(String name) throws Exception {
        assertTrue(parse(rfc4475(name)) instanceof SIPResponse, name);
    }

    @ParameterizedTest
    @CsvSource({"scalarlg", "bigcode"})
    void aBrokenResponseFailsAsItDidForTheStack(String name) {
        assertThrows(ParseException.class, () -> parse(rfc4475(name)));
    }

    @Test
    void aRequestWithNoViaLeftIsDropped() throws Exception {
        String noVia = "OPTIONS sip:a@b SIP/2.0\r\nVia: ;;;\r\nFrom: <sip:c@d>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: x\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

        assertNull(parse(noVia.getBytes()));
    }
}
