package se.plus.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.plus.it.PlusServer;

/**
 * Every message of RFC 4475 §3, byte for byte as the RFC's appendix carries it, sent to the deployed
 * server over UDP and over TCP. Each row: the file, the answer over UDP, over TCP ("-": nothing),
 * and where the RFC leaves a choice, the one taken. A 400 is never larger than the request, and the
 * listener answers OPTIONS after each message.
 *
 * <p>Our server is a registrar and a B2BUA that authenticates: a well-formed INVITE is challenged (407),
 * a REGISTER too (401); OPTIONS is answered 200; a response that matches nothing is dropped. Where the
 * RFC lets an element be liberal, we are. A message whose top Via names another transport than the
 * one it came over is answered over the one it came over (most of the RFC's Vias say UDP or TCP, a
 * few TLS, whatever the test sends them over).
 */
@ExtendWith(ArquillianExtension.class)
class Rfc4475IT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @ParameterizedTest(name = "§{0} {1}: UDP {2}, TCP {3}")
    @CsvSource(delimiter = '|', textBlock = """
        # §3.1.1 valid messages
        3.1.1.1  | wsinv      | 481 | -   | valid; its To has a tag: an INVITE within a dialog we do not have. TCP: the same transaction as the UDP copy just before (RFC 3261 §17.2.3 matching), absorbed as a retransmission
        3.1.1.2  | intmeth    | 501 | 501 | unknown method
        3.1.1.3  | esc01      | 407 | 407 |
        3.1.1.4  | escnull    | 401 | 401 |
        3.1.1.5  | esc02      | 501 | 501 | RE%47IST%45R is not REGISTER
        3.1.1.6  | lwsdisp    | 200 | 200 |
        3.1.1.7  | longreq    | 407 | 407 |
        3.1.1.8  | dblreq     | 401 | 401 | UDP: the trailing INVITE is noise; TCP: it is a second request, answered after
        3.1.1.9  | semiuri    | 200 | 200 |
        3.1.1.10 | transports | 200 | 200 |
        3.1.1.11 | mpart01    | 405 | 405 | MESSAGE is known, not served
        3.1.1.12 | unreason   | -   | -   | a response matching no transaction
        3.1.1.13 | noreason   | -   | -   | a response matching no transaction
        # §3.1.2 invalid messages
        3.1.2.1  | badinv01   | 400 | 400 |
        3.1.2.2  | clerr      | 400 | -   | TCP: waits for the rest of the body (RFC)
        3.1.2.3  | ncl        | 400 | 400 closed | TCP: framing lost: answered (no body taken), then the connection closed, as the RFC asks
        3.1.2.4  | scalar02   | 400 | 400 |
        3.1.2.5  | scalarlg   | -   | -   | a response
        3.1.2.6  | quotbal    | 400 | 400 |
        3.1.2.7  | ltgtruri   | 400 | 400 |
        3.1.2.8  | lwsruri    | 400 | 400 |
        3.1.2.9  | lwsstart   | 407 | 407 | liberal: the extra SP ignored
        3.1.2.10 | trws       | 200 | 200 | liberal: the trailing SP ignored
        3.1.2.11 | escruri    | 407 | 407 | liberal: the escaped headers ignored
        3.1.2.12 | baddate    | 407 | 407 | liberal: the Date ignored
        3.1.2.13 | regbadct   | 401 | 401 | liberal: the angle brackets inferred
        3.1.2.14 | badaspec   | 200 | 200 | liberal: the spaces ignored
        3.1.2.15 | baddn      | 200 | -   | liberal: the quotes inferred. TCP: the RFC's file ends without the empty line that closes the headers; the server waits for it and closes the connection after the read timeout
        3.1.2.16 | badvers    | 505 | 505 |
        3.1.2.17 | mismatch01 | -   | -   | the RFC's 400 would be larger than this 236-byte request (254 bytes with its own Via, From, To, Call-ID, CSeq): dropped
        3.1.2.18 | mismatch02 | 400 | 400 | the RFC prefers 501 and accepts 400: a CSeq that contradicts the start line is refused before the method is looked at
        3.1.2.19 | bigcode    | -   | -   | a response
        # §3.2 transaction layer
        3.2.1    | badbranch  | 200 | 200 | liberal: RFC 2543 matching
        # §3.3 application layer
        3.3.1    | insuf      | 400 | 400 |
        3.3.2    | unkscm     | 416 | 416 |
        3.3.3    | novelsc    | 416 | 416 |
        3.3.4    | unksm2     | 400/- | 400/- | a registrar: the To is no SIP URI. Its 400 (with received and rport) is within a few bytes of the request's size, so whether it is sent or dropped depends on the sender's address and port
        3.3.5    | bext01     | 420 | 420 |
        3.3.6    | invut      | 415 | 415 |
        3.3.7    | regaut01   | 401 | 401 |
        3.3.8    | multi01    | 400 | 400 | before authentication
        3.3.9    | mcl01      | 400 | 400 closed | TCP: which length frames the body is unknown: closed after the answer, as for ncl
        3.3.10   | bcast      | -   | -   | a response
        3.3.11   | zeromf     | 200 | 200 | we are the endpoint of OPTIONS
        3.3.12   | cparam01   | 401 | 401 |
        3.3.13   | cparam02   | 401 | 401 |
        3.3.14   | regescrt   | 401 | 401 |
        3.3.15   | sdp01      | 406 | 406 |
        # §3.4 backward compatibility
        3.4.1    | inv2543    | 407 | 407 |
        """)
    void eachMessageGetsTheAnswerTheRfcNames(String section, String file, String udp, String tcp, String choice)
            throws Exception {
        sendOverBoth(message(file), udp, tcp, file);
    }

    /**
     * The message over UDP and over TCP, each answer as expected ("closed" after a TCP answer: the server
     * then closes the connection), and OPTIONS answered afterwards.
     */
    static void sendOverBoth(byte[] request, String udp, String tcp, String what) throws IOException {
        int source = TortureWire.nextSource();
        boolean closes = tcp.endsWith(" closed");
        String tcpAnswer = closes ? tcp.substring(0, tcp.length() - " closed".length()) : tcp;

        String overUdp = TortureWire.udp(request, source, udp.startsWith("-") ? 1500 : 10_000);
        TortureWire.TcpExchange overTcp = TortureWire.tcpExchange(request, source, tcp.startsWith("-") ? 1500 : 10_000,
                !tcp.startsWith("-"), closes);

        assertAnswer(udp, overUdp, request, "UDP " + what);
        assertAnswer(tcpAnswer, overTcp.answer(), request, "TCP " + what);
        if (closes) {
            assertTrue(overTcp.closedAfter(), "TCP " + what + ": the connection is closed after the answer");
        }
        assertEquals("SIP/2.0 200 OK", RawSip.options("127.0.0.1", PlusServer.sipPort(), 3000), "OPTIONS after " + what);
    }

    private static void assertAnswer(String expected, String answer, byte[] request, String what) {
        if (expected.endsWith("/-")) {
            // Either answer is right: the 400, or nothing where it would be larger than the request.
            assertAnswer(answer == null ? "-" : expected.substring(0, expected.length() - 2), answer, request, what);
            return;
        }
        if ("-".equals(expected)) {
            assertEquals(null, answer, what);
            return;
        }
        assertNotNull(answer, what + ": no answer");
        assertTrue(answer.startsWith("SIP/2.0 " + expected + " "), what + ": " + answer);
        if (expected.equals("400")) {
            assertTrue(answer.length() <= request.length, what + ": a 400 of " + answer.length()
                    + " bytes to a request of " + request.length + ": " + answer);
        }
    }

    static byte[] message(String file) throws IOException {
        try (InputStream in = Rfc4475IT.class.getResourceAsStream("/rfc4475/" + file + ".dat")) {
            assertNotNull(in, file);
            return in.readAllBytes();
        }
    }
}
