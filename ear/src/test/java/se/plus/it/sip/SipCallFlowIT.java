package se.plus.it.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.sip.TestUsers.SipUser;

/** What a phone hears and sees around a feature code: the tones over RTP, CANCEL, a delayed offer. */
@ExtendWith(ArquillianExtension.class)
class SipCallFlowIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void aDoneCodeIsAnswered200ThenAConfirmationToneOfPcmuThenTheServersBye() throws Exception {
        SipUser user = TestUsers.create("Flow Tone");
        try (var phone = new SipUac(PlusServer.sipPort(), user.extension(), user.sipPassword())) {
            String ok = phone.inviteWithCredentials("*21*0701234567%23", phone.sdp());
            assertTrue(ok.startsWith("SIP/2.0 200"), ok);
            assertTrue(SipUac.body(ok).contains("m=audio"), ok);
            String uri = "sip:*21*0701234567%23@127.0.0.1:" + PlusServer.sipPort();
            phone.send(phone.ack(uri, 2, "z9hG4bK-ack-" + phone.callId, SipUac.header(ok, "To")));

            int[] rtp = phone.receiveRtp();
            String bye = phone.receive();
            phone.send(SipUac.okTo(bye));

            assertTrue(rtp[0] >= 10, "RTP packets: " + rtp[0]);
            assertEquals(rtp[0], rtp[1], "every packet PCMU with 160 samples");
            assertTrue(bye.startsWith("BYE "), bye);
        }
    }

    @Test
    void aRefusalPlaysTheErrorToneInEarlyMediaBeforeItsFinalResponse() throws Exception {
        SipUser user = TestUsers.create("Flow Error Tone");
        try (var phone = new SipUac(PlusServer.sipPort(), user.extension(), user.sipPassword())) {
            String early = phone.inviteWithCredentials("*99%23", phone.sdp());
            assertTrue(early.startsWith("SIP/2.0 183"), early);

            int[] rtp = phone.receiveRtp();
            String last = phone.receiveFinalOr183();

            assertTrue(rtp[0] >= 20, "error tone packets: " + rtp[0]);
            assertTrue(last.startsWith("SIP/2.0 404 INVALID_CODE"), last);
            assertTrue(SipUac.header(last, "Warning").contains("INVALID_CODE"), last);
        }
    }

    @Test
    void aCancelDuringTheErrorToneEndsTheInviteWith487() throws Exception {
        SipUser user = TestUsers.create("Flow Cancel");
        try (var phone = new SipUac(PlusServer.sipPort(), user.extension(), user.sipPassword())) {
            String early = phone.inviteWithCredentials("*99%23", phone.sdp());
            assertTrue(early.startsWith("SIP/2.0 183"), early);

            phone.send(phone.cancel("sip:*99%23@127.0.0.1:" + PlusServer.sipPort(), 2));
            String first = phone.receive();
            String second = phone.receive();

            String both = first.lines().findFirst().orElse("") + " / " + second.lines().findFirst().orElse("");
            assertTrue(both.contains("200 OK") && both.contains("487"), both);
        }
    }

    @Test
    void anInviteWithoutSdpGetsOurOfferAndTheToneGoesWhereTheAckAnswers() throws Exception {
        SipUser user = TestUsers.create("Flow Late Offer");
        try (var phone = new SipUac(PlusServer.sipPort(), user.extension(), user.sipPassword())) {
            String ok = phone.inviteWithCredentials("%2321%23", null);
            assertTrue(ok.startsWith("SIP/2.0 200"), ok);
            assertTrue(SipUac.body(ok).contains("RTP/AVP 0"), ok);
            String uri = "sip:%2321%23@127.0.0.1:" + PlusServer.sipPort();
            phone.send(phone.ack(uri, 2, "z9hG4bK-ack-" + phone.callId, SipUac.header(ok, "To"), phone.sdp()));

            int[] rtp = phone.receiveRtp();
            String bye = phone.receive();
            phone.send(SipUac.okTo(bye));

            assertTrue(rtp[0] >= 10, "RTP packets: " + rtp[0]);
            assertTrue(bye.startsWith("BYE "), bye);
        }
    }
}
