package se.plus.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.sip.TestUsers.SipUser;

/** Phones register with digest authentication (SIPp scenarios register*.xml). */
@ExtendWith(ArquillianExtension.class)
class SipRegistrarIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void aPhoneRegistersWithItsSipPasswordAndUnregistersEveryDeviceWithAStar() throws Exception {
        SipUser user = TestUsers.create("Registrar Udp");

        Sipp.Run run = Sipp.run("register", List.of(user.extension() + ";" + user.authentication()), "127.0.0.1", "udp");

        assertTrue(run.passed(), run.toString());
        assertTrue(run.log().contains("expires=120"), run.toString());
        assertTrue(run.log().contains("unregistered"), run.toString());
    }

    @Test
    void registeringWorksOverTcpToo() throws Exception {
        SipUser user = TestUsers.create("Registrar Tcp");

        Sipp.Run run = Sipp.run("register", List.of(user.extension() + ";" + user.authentication()), "127.0.0.1", "tcp");

        assertTrue(run.passed(), run.toString());
    }

    @Test
    void aWrongPasswordIsChallengedOnceMoreThenRefused403() throws Exception {
        SipUser user = TestUsers.create("Wrong Password");
        var wrong = new SipUser(user.extension(), user.sipPassword() + "x");

        Sipp.Run run = Sipp.run("register-bad-password", List.of(wrong.extension() + ";" + wrong.authentication()),
                "127.0.0.3", "udp");

        assertTrue(run.passed(), run.toString());
    }

    @Test
    void anUnknownExtensionGetsExactlyTheAnswersOfAWrongPassword() throws Exception {
        var nobody = new SipUser("99" + (System.nanoTime() % 9000 + 1000), "whatever");

        Sipp.Run run = Sipp.run("register-bad-password", List.of(nobody.extension() + ";" + nobody.authentication()),
                "127.0.0.4", "udp");

        assertTrue(run.passed(), run.toString());
    }

    @Test
    void aSourceThatKeepsFailingIsBlockedAndHearsNothingMore() throws Exception {
        var nobody = new SipUser("98" + (System.nanoTime() % 9000 + 1000), "guess");
        String attacker = "127.0.0.9";
        // Ten failures a minute block a source (plus.sip.auth.max-failures): five runs of two failures.
        for (int i = 0; i < 5; i++) {
            Sipp.run("register-bad-password", List.of(nobody.extension() + ";" + nobody.authentication()), attacker, "udp");
        }

        String fromAttacker = RawSip.options(attacker, PlusServer.sipPort(), 1500);
        String fromElsewhere = RawSip.options("127.0.0.1", PlusServer.sipPort(), 3000);

        assertEquals(null, fromAttacker, "a blocked source must get no answer");
        assertEquals("SIP/2.0 200 OK", fromElsewhere);
    }
}
