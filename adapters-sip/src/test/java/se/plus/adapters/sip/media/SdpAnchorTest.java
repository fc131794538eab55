package se.plus.adapters.sip.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SdpAnchorTest {

    private static final String PHONE_OFFER = String.join("\r\n",
            "v=0",
            "o=- 3712 3712 IN IP4 192.168.1.20",
            "s=-",
            "c=IN IP4 192.168.1.20",
            "t=0 0",
            "a=ice-ufrag:F7gI",
            "a=ice-pwd:x9cml/YzichV2+XlhiMu8g",
            "m=audio 49170 RTP/AVP 0 8 101",
            "c=IN IP4 192.168.1.20",
            "a=rtcp:49171 IN IP4 192.168.1.20",
            "a=candidate:1 1 UDP 2130706431 192.168.1.20 49170 typ host",
            "a=candidate:2 1 UDP 1694498815 203.0.113.7 61000 typ srflx raddr 192.168.1.20 rport 49170",
            "a=end-of-candidates",
            "a=rtcp-mux",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv",
            "m=video 49172 RTP/AVP 96",
            "a=rtpmap:96 H264/90000",
            "a=rtcp-fb:96 nack",
            "");

    @Test
    void aPhoneOfferIsAnchoredOnUsWithItsCodecsKeptAndItsOwnTransportRemoved() {
        String anchored = SdpAnchor.rewrite(PHONE_OFFER, "10.1.1.1", 30000);

        assertEquals(String.join("\r\n",
                "v=0",
                "o=- 3712 3712 IN IP4 10.1.1.1",
                "s=-",
                "c=IN IP4 10.1.1.1",
                "t=0 0",
                "m=audio 30000 RTP/AVP 0 8 101",
                "c=IN IP4 10.1.1.1",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=ptime:20",
                "a=sendrecv",
                "m=video 0 RTP/AVP 96",
                "a=rtpmap:96 H264/90000",
                "a=rtcp-fb:96 nack",
                ""), anchored);
    }

    @Test
    void anAnchoredOfferIsWrittenWithCrlfWhateverItCameWith() {
        String unixLines = "v=0\no=- 1 1 IN IP4 10.0.0.5\ns=-\nc=IN IP4 10.0.0.5\nt=0 0\nm=audio 4000/2 RTP/AVP 0\na=sendonly\n";

        String anchored = SdpAnchor.rewrite(unixLines, "2001:db8::1", 30002);

        assertEquals("v=0\r\no=- 1 1 IN IP6 2001:db8::1\r\ns=-\r\nc=IN IP6 2001:db8::1\r\nt=0 0\r\n"
                + "m=audio 30002 RTP/AVP 0\r\na=sendonly\r\n", anchored);
    }

    @Test
    void onlyTheFirstAudioStreamIsAnchoredAndASecondIsDeclined() {
        String twoAudio = "v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 8\r\n";

        assertEquals("v=0\r\nc=IN IP4 10.0.0.9\r\nm=audio 5000 RTP/AVP 0\r\nm=audio 0 RTP/AVP 8\r\n",
                SdpAnchor.rewrite(twoAudio, "10.0.0.9", 5000));
    }

    @Test
    void thePhoneReceivesWhereItsMediaLevelConnectionSays() {
        String offer = "v=0\r\nc=IN IP4 192.168.1.20\r\nm=video 5000 RTP/AVP 96\r\nc=IN IP4 192.168.1.99\r\n"
                + "m=audio 49170 RTP/AVP 0\r\nc=IN IP4 192.168.1.21\r\n";

        assertEquals(new InetSocketAddress("192.168.1.21", 49170), SdpAnchor.receiveAddress(offer));
        assertEquals(new InetSocketAddress("192.168.1.20", 49170), SdpAnchor.receiveAddress(PHONE_OFFER));
    }

    @Test
    void thereIsNoReceiveAddressForPortZeroNoAddressAHostNameOrAHoldAddress() {
        assertNull(SdpAnchor.receiveAddress("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 0 RTP/AVP 0\r\n"));
        assertNull(SdpAnchor.receiveAddress("v=0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        assertNull(SdpAnchor.receiveAddress("v=0\r\nc=IN IP4 phone.example.com\r\nm=audio 4000 RTP/AVP 0\r\n"));
        assertNull(SdpAnchor.receiveAddress("v=0\r\nc=IN IP4 300.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\n"));
        assertNull(SdpAnchor.receiveAddress("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n"));
    }

    @Test
    void sendonlyOrInactiveAtEitherLevelOrTheZeroAddressIsHold() {
        assertTrue(SdpAnchor.onHold("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\na=sendonly\r\n"));
        assertTrue(SdpAnchor.onHold("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\na=inactive\r\n"));
        assertTrue(SdpAnchor.onHold("v=0\r\nc=IN IP4 10.0.0.5\r\na=sendonly\r\nm=audio 4000 RTP/AVP 0\r\n"));
        assertTrue(SdpAnchor.onHold("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n"));
    }

    @Test
    void sendrecvRecvonlyOrAnotherStreamsDirectionIsNotHold() {
        assertFalse(SdpAnchor.onHold(PHONE_OFFER));
        assertFalse(SdpAnchor.onHold("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\na=recvonly\r\n"));
        assertFalse(SdpAnchor.onHold("v=0\r\nc=IN IP4 10.0.0.5\r\na=sendonly\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n"),
                "the media level overrides the session level");
        assertFalse(SdpAnchor.onHold("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\nm=video 4002 RTP/AVP 96\r\na=inactive\r\n"));
    }

    @Test
    void somethingThatIsNotSdpWithAudioGivesNothing() {
        for (String garbage : new String[] {null, "", "hello", "<xml/>", "v=0\r\nm=video 4000 RTP/AVP 96\r\n",
                "v=0\r\nm=audio banana RTP/AVP 0\r\n", "v=0\r\nm=audio 70000 RTP/AVP 0\r\n", "m=audio 4000 RTP/AVP 0\r\n",
                "v=0\r\nthis is not sdp\r\nm=audio 4000 RTP/AVP 0\r\n"}) {
            assertNull(SdpAnchor.rewrite(garbage, "10.0.0.9", 5000), String.valueOf(garbage));
            assertNull(SdpAnchor.receiveAddress(garbage), String.valueOf(garbage));
            assertFalse(SdpAnchor.onHold(garbage), String.valueOf(garbage));
        }
    }

    @Test
    void theTelephoneEventPayloadTypeIsWhereThePhonesKeysArrive() {
        assertEquals(101, SdpAnchor.telephoneEventPayload(PHONE_OFFER));
        assertEquals(96, SdpAnchor.telephoneEventPayload("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 8 96\r\n"
                + "a=rtpmap:8 PCMA/8000\r\na=rtpmap:96  Telephone-Event/8000/1\r\na=fmtp:96 0-15\r\n"));
    }

    @Test
    void theTelephoneEventAtEightKilohertzIsChosenAmongSeveralRates() {
        assertEquals(110, SdpAnchor.telephoneEventPayload("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 111 101 110\r\n"
                + "a=rtpmap:111 opus/48000/2\r\na=rtpmap:101 telephone-event/48000\r\na=rtpmap:110 telephone-event/8000\r\n"));
    }

    @Test
    void onlyTheFirstAudioStreamsTelephoneEventCounts() {
        assertEquals(-1, SdpAnchor.telephoneEventPayload("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "m=audio 4002 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"));
        assertEquals(-1, SdpAnchor.telephoneEventPayload("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "m=video 4002 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000\r\n"));
        assertEquals(101, SdpAnchor.telephoneEventPayload("v=0\r\nc=IN IP4 10.0.0.5\r\nm=video 4002 RTP/AVP 100\r\n"
                + "a=rtpmap:100 telephone-event/8000\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"));
    }

    @Test
    void aTelephoneEventNotAmongTheStreamsFormatsIsNotOffered() {
        assertEquals(-1, SdpAnchor.telephoneEventPayload("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\n"));
    }

    @Test
    void noTelephoneEventOrAMalformedOneIsMinusOne() {
        for (String sdp : new String[] {null, "", "hello", "v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 0\r\n",
                "v=0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event\r\n",
                "v=0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101telephone-event/8000\r\n",
                "v=0\r\nm=audio 4000 RTP/AVP 0 1010\r\na=rtpmap:1010 telephone-event/8000\r\n",
                "v=0\r\nm=audio 4000 RTP/AVP 0 200\r\na=rtpmap:200 telephone-event/8000\r\n",
                "v=0\r\nm=audio 4000 RTP/AVP 0 x\r\na=rtpmap:x telephone-event/8000\r\n",
                "v=0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/16000\r\n",
                "v=0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:\r\n",
                "v=0\r\nthis is not sdp\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"}) {
            assertEquals(-1, SdpAnchor.telephoneEventPayload(sdp), String.valueOf(sdp));
        }
    }
}
