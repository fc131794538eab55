package se.plus.adapters.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.outcome.OutcomeCode;

class MediaAndCodesTest {

    @Test
    void aCodeIsReadWithTheHashBareOrEscaped() {
        assertEquals(Optional.of("*21*0701234567#"), FeatureCode.digitsOf("*21*0701234567%23"));
        assertEquals(Optional.of("*21*0701234567#"), FeatureCode.digitsOf("*21*0701234567#"));
        assertEquals(Optional.of("#21#"), FeatureCode.digitsOf("%2321%23"));
        assertEquals(Optional.of("*#21#"), FeatureCode.digitsOf("*%2321%23"));
    }

    @Test
    void aNumberOrABrokenEscapeIsNoCode() {
        assertEquals(Optional.empty(), FeatureCode.digitsOf("1001"));
        assertEquals(Optional.empty(), FeatureCode.digitsOf("%2"));
        assertEquals(Optional.empty(), FeatureCode.digitsOf(null));
    }

    @Test
    void theOfferOfATypicalPhoneIsUnderstood() {
        String offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

        var audio = Sdp.audioOf(offer).orElseThrow();

        assertEquals("10.0.0.5", audio.address());
        assertEquals(40000, audio.port());
        assertTrue(audio.acceptsPcmu());
        assertTrue(audio.receivesMedia());
    }

    @Test
    void anOfferWithoutPcmuOrOnHoldIsRecognised() {
        var g722 = Sdp.audioOf("v=0\r\nc=IN IP4 10.0.0.5\r\nm=audio 4000 RTP/AVP 9\r\n").orElseThrow();
        var hold = Sdp.audioOf("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 4000 RTP/AVP 0\r\n").orElseThrow();

        assertFalse(g722.acceptsPcmu());
        assertFalse(hold.receivesMedia());
        assertEquals(Optional.empty(), Sdp.audioOf("not sdp"));
    }

    @Test
    void ourAnswerIsSendOnlyPcmu() {
        String answer = Sdp.pcmuSendOnly("127.0.0.1", 30000, 7);

        assertEquals(30000, Sdp.audioOf(answer).orElseThrow().port());
        assertTrue(answer.contains("a=sendonly"));
    }

    @Test
    void tonesAreWholeTwentyMillisecondFramesOfMuLaw() {
        assertEquals(300, Tone.CONFIRMATION.millis());
        assertEquals(600, Tone.ERROR.millis());
        assertTrue(Tone.ERROR.frames().stream().allMatch(frame -> frame.length == 160));
        assertEquals((byte) 0xFF, Tone.muLaw((short) 0), "G.711 silence");
        assertEquals((byte) 0x80, Tone.muLaw(Short.MAX_VALUE));
        assertEquals((byte) 0x00, Tone.muLaw(Short.MIN_VALUE));
    }

    @Test
    void rtpPacketsCountOnInSequenceAndTimestamp() {
        var stream = new RtpStream(new InetSocketAddress("127.0.0.1", 4000), Tone.CONFIRMATION.frames(), () -> { });
        ByteBuffer first = ByteBuffer.allocate(RtpStream.maxPacketSize());
        stream.nextPacket(first);
        int seq1 = first.getShort(2) & 0xFFFF;
        int ts1 = first.getInt(4);
        assertEquals(0x80, first.get(0) & 0xFF);
        assertEquals(0x80, first.get(1) & 0xFF, "marker bit and payload type 0 on the first packet");

        ByteBuffer second = ByteBuffer.allocate(RtpStream.maxPacketSize());
        stream.nextPacket(second);

        assertEquals(0, second.get(1) & 0xFF);
        assertEquals((seq1 + 1) & 0xFFFF, second.getShort(2) & 0xFFFF);
        assertEquals(ts1 + 160, second.getInt(4));
        assertEquals(172, second.remaining());
    }

    @Test
    void aStoppedToneDoesNotRunWhatWouldFollowIt() {
        var ran = new boolean[1];
        var stream = new RtpStream(new InetSocketAddress("127.0.0.1", 4000), Tone.ERROR.frames(), () -> ran[0] = true);

        stream.stop();
        stream.complete();

        assertFalse(ran[0]);
        assertFalse(stream.hasNext());
    }

    @Test
    void everyOutcomeCodeHasAClientErrorStatusAndNamesItself() {
        for (OutcomeCode code : OutcomeCode.values()) {
            int status = RefusalResponse.status(code);
            assertTrue(status >= 400 && status < 500, code + " -> " + status);
            assertEquals(code.name(), RefusalResponse.reasonPhrase(code));
            assertTrue(RefusalResponse.warningText(code, code.message()).startsWith(code.name() + ": "));
        }
        assertEquals(480, RefusalResponse.status(OutcomeCode.SERVICE_NOT_ACTIVE));
    }

    @Test
    void devicesAreTerminalsUnlessConfiguredAsMobiles() {
        var dialects = new DeviceDialects("(?i)fmc-gateway", "2001, 2002");

        assertEquals(Dialect.TERMINAL, dialects.of("1001", "Yealink SIP-T46U"));
        assertEquals(Dialect.MOBILE, dialects.of("1001", "ACME FMC-Gateway 2.1"));
        assertEquals(Dialect.MOBILE, dialects.of("2002", "Linphone"));
        assertEquals(Dialect.TERMINAL, new DeviceDialects(null, null).of("2002", null));
    }

    @Test
    void theListOfAllowedMethodsNamesWhatWeServe() {
        assertEquals(List.of("INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "UPDATE", "INFO", "SUBSCRIBE", "REFER"),
                SipContext.ALLOWED_METHODS);
    }
}
