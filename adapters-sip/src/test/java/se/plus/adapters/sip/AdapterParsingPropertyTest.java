package se.plus.adapters.sip;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import se.plus.adapters.sip.media.SdpAnchor;
import se.plus.adapters.sip.wire.Mutations;

/**
 * The adapter's own readers of what phones send, fed broken input: feature-code request-URIs and SDP
 * bodies. Each returns a value (empty, null, the input) and throws nothing, so a broken message is
 * refused rather than ending in a 500. The in-call readers (RTP telephone-events, INFO bodies) have
 * their own properties in {@code incall.InCallPropertyTest}.
 */
class AdapterParsingPropertyTest {

    private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n"
            + "m=video 51372 RTP/AVP 31\r\n";

    @Provide
    Arbitrary<String> userParts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("*#%0123456789abcdefABCDEF").ofMaxLength(60),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("*21*0701234567%23", "%23", "%", "%2", "%G1", "*%ZZ", "%23%", "%C3%28"));
    }

    @Property(tries = 3000)
    void aFeatureCodeUserPartIsReadOrRefusedWithoutThrowing(@ForAll("userParts") String user) {
        FeatureCode.digitsOf(user);
    }

    @Provide
    Arbitrary<String> brokenSdp() {
        byte[] header = ("INVITE sip:a@b SIP/2.0\r\nContent-Length: " + OFFER.length() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = OFFER.getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = new byte[header.length + body.length];
        System.arraycopy(header, 0, message, 0, header.length);
        System.arraycopy(body, 0, message, header.length, body.length);
        return Arbitraries.oneOf(
                Mutations.of(List.of(message)).map(m -> {
                    String text = new String(m, StandardCharsets.ISO_8859_1);
                    int blank = text.indexOf("\r\n\r\n");
                    return blank < 0 ? text : text.substring(blank + 4);
                }),
                Arbitraries.strings().ofMaxLength(300));
    }

    @Property(tries = 3000)
    void anSdpBodyIsReadOrRefusedWithoutThrowing(@ForAll("brokenSdp") String sdp) {
        Sdp.audioOf(sdp);
        SdpAnchor.rewrite(sdp, "192.0.2.9", 20000);
        SdpAnchor.receiveAddress(sdp);
        SdpAnchor.onHold(sdp);
        int telephoneEvent = SdpAnchor.telephoneEventPayload(sdp);
        if (telephoneEvent < -1 || telephoneEvent > 127) {
            throw new AssertionError("payload type " + telephoneEvent);
        }
    }
}
