package se.plus.it.sip;

import static org.junit.jupiter.api.Assertions.assertNotNull;

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
 * Every message of RFC 5118 §4 (SIP torture tests for IPv6), sent to the deployed server over UDP and
 * over TCP as {@link Rfc4475IT} sends RFC 4475's. The server listens on IPv4 loopback; what these
 * messages test is the IPv6 addresses inside them (Request-URI, Via, Contact, To, SDP), which it must
 * parse and answer from where the message came, whatever the Via names. The messages and how the test
 * resources differ from the RFC's archive: {@code adapters-sip/src/test/resources/rfc5118/README.md}.
 *
 * <p>As in RFC 4475's test: a well-formed INVITE is challenged (407), a REGISTER too (401), OPTIONS is
 * answered 200, a BYE outside any dialog 481. Only §4.2 is malformed (400).
 *
 * <p>Nine of the messages carry the same branch ({@code z9hG4bKas3-111}) from different sent-bys or with
 * different methods: distinct transactions by RFC 3261 §17.2.3, each answered (the server's
 * {@code TransactionMatching}; before it, JAIN-SIP took each for part of the first and left most
 * unanswered). The same message over TCP right after UDP is the same transaction.
 */
@ExtendWith(ArquillianExtension.class)
class Rfc5118IT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @ParameterizedTest(name = "§{0} {1}: UDP {2}, TCP {3}")
    @CsvSource(delimiter = '|', textBlock = """
        4.1  | ipv6-good                     | 401 | 401 |
        4.2  | ipv6-bad                      | 400 | 400 | the RFC: 400; the Request-URI's IPv6 address has no brackets
        4.3  | port-ambiguous                | 401 | 401 | well-formed: the host is 2001:db8::10:5070, no port (as the RFC says a parser reads it)
        4.4  | port-unambiguous              | 401 | 401 |
        4.5  | via-received-param-with-delim | 481 | -   | liberal, as the RFC demands: received with brackets is parsed. A BYE of no dialog of ours. TCP: the UDP copy's transaction (same branch, sent-by, method: RFC 3261 §17.2.3), absorbed as a retransmission
        4.5  | via-received-param-no-delim   | 200 | 200 |
        4.6  | ipv6-in-sdp                   | 407 | 407 | Content-Length corrected (README)
        4.7  | mult-ip-in-header             | 481 | -   | answered where it came from (the top Via names [2001:db8::9:1]:6050). TCP: a retransmission, as above
        4.8  | mult-ip-in-sdp                | 407 | 407 | Content-Length corrected (README)
        4.9  | ipv4-mapped-ipv6              | 407 | 407 | Content-Length corrected (README)
        4.10 | ipv6-bug-abnf-3-colons        | 200 | 200 | liberal (the RFC's "may exhibit robustness"): the extra colon is accepted
        4.10 | ipv6-correct-abnf-2-colons    | 200 | 200 | the same branch, sent-by and method as the one before: OPTIONS is answered without a transaction, so again
        """)
    void eachMessageGetsTheAnswerTheRfcNames(String section, String file, String udp, String tcp, String choice)
            throws Exception {
        Rfc4475IT.sendOverBoth(message(file), udp, tcp, "RFC 5118 §" + section + " " + file);
    }

    static byte[] message(String file) throws IOException {
        try (InputStream in = Rfc5118IT.class.getResourceAsStream("/rfc5118/" + file + ".dat")) {
            assertNotNull(in, file);
            return in.readAllBytes();
        }
    }
}
