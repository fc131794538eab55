package se.plus.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * Feature codes dialled from a phone (SIPp scenarios feature-*.xml): each code family, with {@code #}
 * sent bare and as {@code %23}; done codes end in 200, ACK and the server's BYE, refusals in early
 * media and a 4xx that names the outcome code.
 */
@ExtendWith(ArquillianExtension.class)
class SipFeatureCodeIT {

    private static final Pattern REFUSED = Pattern.compile("refused (\\d{3}) ([A-Z_]+) warning\\s+399 \\S+ \"([^\"]*)\"");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void everyFamilyOfCodesIsDoneWithBothSpellingsOfTheHash() throws Exception {
        SipUser user = TestUsers.create("Codes Terminal");
        List<String> codes = List.of(
                "*21*0701234567#", "*21*0701234568%23", "*%2321%23", "*#21#", "#21#", "%2321%23",
                "*61*0701234567%23", "#61#", "*67*0701234567#", "%2367%23",
                "*24*1#", "*24*1%23", "#24#", "%2324%23", "*43#", "%2343%23");

        Sipp.Run run = Sipp.run("feature-done", codes.stream().map(code -> line(user, code)).toList(), "127.0.0.1", "udp");

        assertTrue(run.passed(), run.toString());
        assertEquals(codes.size(), count(run.log(), "done "), run.toString());
    }

    @Test
    void aCodeDialledFromAPhoneChangesTheSameStateRestShows() throws Exception {
        SipUser user = TestUsers.create("Codes State");

        Sipp.Run run = Sipp.run("feature-done", List.of(line(user, "*21*0701234567%23")), "127.0.0.1", "tcp");

        assertTrue(run.passed(), run.toString());
        String services = TestUsers.get("/api/users/" + user.extension() + "/services").body();
        assertTrue(services.contains("+46701234567"), services);
    }

    @Test
    void anUnknownCodeIsRefusedWithErrorToneAnd404NamingInvalidCode() throws Exception {
        SipUser user = TestUsers.create("Codes Refused");

        Sipp.Run run = Sipp.run("feature-refused", List.of(line(user, "*99*1%23"), line(user, "*99*1#")), "127.0.0.1", "udp");

        assertTrue(run.passed(), run.toString());
        assertTrue(run.log().contains("early media"), run.toString());
        Matcher refused = REFUSED.matcher(run.log());
        assertTrue(refused.find(), run.toString());
        assertEquals("404", refused.group(1));
        assertEquals("INVALID_CODE", refused.group(2));
        assertEquals("INVALID_CODE: Ogiltig kod / Invalid code", refused.group(3));
    }

    @Test
    void eachRefusalCarriesItsOutcomeCodeInReasonPhraseAndWarning() throws Exception {
        SipUser user = TestUsers.create("Codes Refusals");
        List<String> codes = List.of("*24*1*99999%23", "*75*4711%23", "*80*2000", "*24*1*2561#");

        Sipp.Run run = Sipp.run("feature-refused", codes.stream().map(code -> line(user, code)).toList(), "127.0.0.1", "udp");

        assertTrue(run.passed(), run.toString());
        Matcher refused = REFUSED.matcher(run.log());
        int seen = 0;
        while (refused.find()) {
            seen++;
            String status = refused.group(1);
            String code = refused.group(2);
            assertEquals(expectedStatus(code), status, refused.group());
            assertTrue(refused.group(3).startsWith(code + ": "), refused.group());
        }
        assertEquals(codes.size(), seen, run.toString());
        assertTrue(run.log().contains("INVALID_TIME"), run.log());
    }

    private static String expectedStatus(String outcomeCode) {
        return switch (outcomeCode) {
            case "SERVICE_NOT_ACTIVE" -> "480";
            case "INVALID_CODE", "UNKNOWN_NUMBER" -> "404";
            case "INVALID_TIME" -> "484";
            case "NOT_ALLOWED" -> "403";
            default -> "unexpected " + outcomeCode;
        };
    }

    private static String line(SipUser user, String code) {
        return user.extension() + ";" + user.authentication() + ";" + code;
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            n++;
        }
        return n;
    }
}
