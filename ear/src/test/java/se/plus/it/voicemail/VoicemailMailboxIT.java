package se.plus.it.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.it.voicemail.Phones.body;
import static se.plus.it.voicemail.Phones.header;

import java.time.Duration;
import javax.sip.message.Request;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;
import se.plus.it.call.TestPhone;

/**
 * The built-in voicemail's mailbox as phones and REST clients see it before anyone left a message
 * (contract: SIP "Voicemail", REST voicemail row): the message-waiting subscription (RFC 3842) and who
 * may read which mailbox. Depositing a message needs a call: {@link VoicemailIT}.
 */
@ExtendWith(ArquillianExtension.class)
class VoicemailMailboxIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Phones phones = new Phones();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @AfterEach
    void closePhones() {
        phones.close();
    }

    @Test
    void bertilsDeskPhoneSubscribesAndIsToldAtOnceThatNoMessageWaits() throws Exception {
        String bertil = Rest.createUser("");
        TestPhone desk = phones.registered(bertil);

        assertEquals(200, desk.subscribe("message-summary", 600));
        Request notify = desk.awaitNotify(0, WAIT);

        assertNotNull(notify, "a NOTIFY follows the 200 at once");
        assertTrue(header(notify, "Event").contains("message-summary"), header(notify, "Event"));
        assertTrue(header(notify, "Subscription-State").contains("active"), header(notify, "Subscription-State"));
        assertTrue(header(notify, "Content-Type").contains("application/simple-message-summary"), header(notify, "Content-Type"));
        String summary = body(notify);
        assertTrue(summary.contains("Messages-Waiting: no"), summary);
        assertTrue(summary.contains("Message-Account: sip:" + bertil + "@plus.local"), summary);
        assertTrue(summary.contains("Voice-Message: 0/0 (0/0)"), summary);
    }

    @Test
    void unsubscribingGetsALastNotifyThatEndsTheSubscription() throws Exception {
        String bertil = Rest.createUser("");
        TestPhone desk = phones.registered(bertil);

        assertEquals(200, desk.subscribe("message-summary", 0));
        Request last = desk.awaitNotify(0, WAIT);

        assertNotNull(last);
        assertTrue(header(last, "Subscription-State").contains("terminated"), header(last, "Subscription-State"));
    }

    @Test
    void anotherEventPackageIsRefused489() throws Exception {
        String bertil = Rest.createUser("");
        TestPhone desk = phones.registered(bertil);

        assertEquals(489, desk.subscribe("presence", 600));
    }

    @Test
    void bertilReadsHisEmptyMailboxButNotAnnasAndAnUnknownMessageIsNotFound() {
        String anna = Rest.createUser("");
        String bertil = Rest.createUser("");
        Rest asBertil = Rest.asUser(bertil);

        var list = asBertil.get("/api/users/" + bertil + "/voicemail");
        assertEquals(200, list.status(), list.body());
        assertEquals("[]", list.body());
        assertEquals(403, asBertil.get("/api/users/" + anna + "/voicemail").status());
        String unknown = "/api/users/" + bertil + "/voicemail/00000000-0000-4000-8000-000000000000";
        assertEquals(404, asBertil.get(unknown).status());
        assertEquals(404, asBertil.delete(unknown).status());
        assertEquals(404, asBertil.get("/api/users/" + bertil + "/voicemail/not-an-id").status());
        assertEquals(200, Rest.admin().get("/api/users/" + bertil + "/voicemail").status());
        assertEquals(404, Rest.admin().get("/api/users/" + Rest.uniqueExtension() + "/voicemail").status());
    }
}
