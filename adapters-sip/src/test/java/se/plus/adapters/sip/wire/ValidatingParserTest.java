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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4475's own messages through the parser the stack uses: what each is marked with. */
class ValidatingParserTest {

    static {
        // The parser logs through the stack's logger; outside a stack its default is log4j 1.x, which is
        // not on the class path (nor in WildFly). The server names this logger in its stack properties.
        gov.nist.core.CommonLogger.legacyLogger = new se.plus.adapters.sip.stacklog.JulStackLogger();
        gov.nist.core.CommonLogger.useLegacyLogger = true;
    }

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
        "badvers, 505, version SIP/7.0",
        "multi01, 400, duplicate CSeq",
        "mcl01, 400, duplicate Content-Length",
        "insuf, 400, 'missing From, To, Call-ID or CSeq'",
        "scalar02, 400, bad Max-Forwards",
        "quotbal, 400, bad To",
        "ltgtruri, 400, bad Request-Line",
        "lwsruri, 400, bad Request-Line",
        "badinv01, 400, bad Via",
        "clerr, 400, bad Content-Length",
        "ncl, 400, bad Content-Length",
        "mismatch01, 400, CSeq method INVITE in a OPTIONS",
        "mismatch02, 400, CSeq method INVITE in a NEWMETHOD",
    })
    void aMalformedRequestReachesTheListenerMarkedWithWhatIsWrong(String name, int status, String reason) throws Exception {
        byte[] bytes = rfc4475(name);

        SIPMessage message = parse(bytes);

        assertTrue(message instanceof SIPRequest, name);
        assertEquals(new Received(bytes.length, Optional.of(new Malformation(status, reason))), message.getApplicationData());
        assertNotNull(message.getFrom());
        assertNotNull(message.getTo());
        assertNotNull(message.getCallId());
        assertNotNull(message.getCSeq());
        assertNotNull(message.getTopmostVia());
    }

    @ParameterizedTest
    @CsvSource({"wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports",
        "mpart01", "lwsstart", "trws", "escruri", "baddate", "regbadct", "badaspec", "baddn",
        "badbranch", "unkscm", "novelsc", "unksm2", "bext01", "invut", "regaut01", "zeromf", "cparam01", "cparam02",
        "regescrt", "sdp01", "inv2543"})
    void aWellFormedRequestIsNotMarked(String name) throws Exception {
        SIPMessage message = parse(rfc4475(name));

        assertTrue(message instanceof SIPRequest, name);
        assertEquals(Optional.empty(), ((Received) message.getApplicationData()).problem(), name);
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

    /**
     * Over TCP the body is read by Content-Length: with none clear (negative, given twice) the request is
     * still answered 400, with no body taken, and marked so the connection is closed after the answer.
     */
    @ParameterizedTest
    @CsvSource({"ncl, true", "mcl01, true", "clerr, false", "lwsdisp, false"})
    void overTcpAnUnclearContentLengthLosesTheFraming(String name, boolean lost) throws Exception {
        SIPMessage message = new ValidatingParser().parseSIPMessage(headersAsTcpReadsThem(rfc4475(name)), false, false, STACK);

        var received = (Received) message.getApplicationData();
        assertEquals(lost, received.framingLost(), name);
        assertEquals(lost ? 400 : 0, received.problem().map(Malformation::status).orElse(0), name);
        var asDatagram = (Received) parse(rfc4475(name)).getApplicationData();
        assertEquals(false, asDatagram.framingLost(), name + ": a datagram carries its own end");
    }

    static byte[] headersAsTcpReadsThem(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        String headers = text.substring(0, text.indexOf("\r\n\r\n") + 2).replace("\r\n", "\n") + "\r\n\r\n";
        return headers.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** JAIN-SIP's TCP reader hands over the header lines without their CRs, the empty line twice. */
    @ParameterizedTest
    @CsvSource({"insuf, 400", "mismatch02, 400", "multi01, 400", "badinv01, 400", "lwsdisp, 0"})
    void overTcpTheHeadersAloneAreCheckedAndTheSizeIsCountedAsSent(String name, int status) throws Exception {
        byte[] bytes = rfc4475(name);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        String asTcpReadsIt = text.substring(0, text.indexOf("\r\n\r\n") + 2).replace("\r\n", "\n") + "\r\n\r\n";

        SIPMessage message = new ValidatingParser().parseSIPMessage(
                asTcpReadsIt.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), false, false, STACK);

        var received = (Received) message.getApplicationData();
        assertEquals(status, received.problem().map(Malformation::status).orElse(0), name);
        assertNotNull(message.getTopmostVia(), name);
        assertNotNull(message.getFrom(), name);
        assertNotNull(message.getCallId(), name);
        assertTrue(received.length() <= bytes.length, name + ": " + received.length() + " > " + bytes.length);
    }
}
