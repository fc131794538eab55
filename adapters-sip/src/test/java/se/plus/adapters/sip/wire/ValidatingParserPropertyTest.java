package se.plus.adapters.sip.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever arrives, the parser the stack uses answers it (marked or not) or drops it; nothing escapes. */
class ValidatingParserPropertyTest {

    private static final List<String> VALID = List.of("wsinv", "esc01", "escnull", "lwsdisp", "longreq", "semiuri",
            "transports", "mpart01", "badbranch", "bext01", "invut", "cparam01", "regescrt", "sdp01", "inv2543", "zeromf");

    @Provide
    Arbitrary<byte[]> mutatedRequests() {
        List<byte[]> valid = VALID.stream().map(name -> {
            try {
                return ValidatingParserTest.rfc4475(name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        return Mutations.of(valid);
    }

    @Property(tries = 3000)
    void aMutatedRequestIsAnsweredOrDroppedAndNothingIsThrown(@ForAll("mutatedRequests") byte[] message) {
        boolean request = RawRequest.isAnswerableRequest(message);
        SIPMessage parsed;
        try {
            parsed = ValidatingParserTest.parse(message);
        } catch (ParseException notARequest) {
            assertTrue(!request, "a request must not fail: " + notARequest.getMessage());
            return;
        }
        if (request && parsed != null) {
            assertTrue(parsed instanceof SIPRequest, "a request stays a request");
            // Without a Via there is nowhere to answer: the stack drops it (its null check). Otherwise
            // every field a response copies is there, so the listener can answer.
            assertTrue(parsed.getTopmostVia() == null || parsed.getFrom() != null && parsed.getTo() != null
                    && parsed.getCallId() != null && parsed.getCSeq() != null, "answerable: " + parsed);
            var received = (Received) parsed.getApplicationData();
            assertTrue(received.length() == message.length, "the size as it arrived: " + received);
            assertTrue(received.problem().map(p -> Set.of(400, 505).contains(p.status())).orElse(true), "marked: " + received);
        }
    }
}
