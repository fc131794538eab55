package se.plus.adapters.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.plus.application.port.in.EntryPoint;
import se.plus.domain.event.VoicemailLeft;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

class EventJsonTest {

    @Test
    void voicemail_left_names_the_message_its_caller_and_length() {
        var event = new VoicemailLeft(Extension.of("1002"), Instant.parse("2026-11-24T11:15:00Z"), "m1",
                Optional.of(PhoneNumber.of("+46701234567")), 7);

        assertEquals("{\"type\":\"VOICEMAIL_LEFT\",\"extension\":\"1002\",\"at\":\"2026-11-24T11:15:00Z\","
                + "\"source\":\"SIP\",\"id\":\"m1\",\"from\":\"+46701234567\",\"seconds\":7}",
                EventJson.of(event, EntryPoint.SIP));
    }

    @Test
    void a_withheld_caller_is_null() {
        var event = new VoicemailLeft(Extension.of("1002"), Instant.parse("2026-11-24T11:15:00Z"), "m2",
                Optional.empty(), 3);

        assertEquals("{\"type\":\"VOICEMAIL_LEFT\",\"extension\":\"1002\",\"at\":\"2026-11-24T11:15:00Z\","
                + "\"source\":\"SIP\",\"id\":\"m2\",\"from\":null,\"seconds\":3}", EventJson.of(event, EntryPoint.SIP));
    }
}
