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
                + "\"source\":\"SIP\",\"messageId\":\"m1\",\"from\":\"+46701234567\",\"seconds\":7}",
                EventJson.of(event, EntryPoint.SIP));
    }

    @Test
    void a_withheld_caller_is_null() {
        var event = new VoicemailLeft(Extension.of("1002"), Instant.parse("2026-11-24T11:15:00Z"), "m2",
                Optional.empty(), 3);

        assertEquals("{\"type\":\"VOICEMAIL_LEFT\",\"extension\":\"1002\",\"at\":\"2026-11-24T11:15:00Z\","
                + "\"source\":\"SIP\",\"messageId\":\"m2\",\"from\":null,\"seconds\":3}", EventJson.of(event, EntryPoint.SIP));
    }

    @Test
    void every_key_of_a_numbered_event_is_its_own_the_events_id_is_not_shadowed() {
        var voicemail = new se.plus.domain.event.VoicemailLeft(se.plus.domain.number.Extension.of("1002"),
                java.time.Instant.parse("2026-11-24T11:15:00Z"), "m1", java.util.Optional.empty(), 7);
        var call = new se.plus.domain.event.CallEnded(se.plus.domain.number.Extension.of("1002"),
                java.time.Instant.parse("2026-11-24T11:16:00Z"), "c1", "1001", "1002", java.util.Optional.empty(),
                java.time.Instant.parse("2026-11-24T11:15:30Z"), java.util.Optional.empty(), "NO_ANSWER", java.util.List.of());
        for (var event : java.util.List.<se.plus.domain.event.DomainEvent>of(voicemail, call)) {
            String json = EventJson.numbered(EventJson.of(event, EntryPoint.SIP), "e-1", 4);
            var keys = new java.util.ArrayList<String>();
            try (var parser = jakarta.json.Json.createParser(new java.io.StringReader(json))) {
                int depth = 0;
                while (parser.hasNext()) {
                    var next = parser.next();
                    if (next == jakarta.json.stream.JsonParser.Event.START_OBJECT || next == jakarta.json.stream.JsonParser.Event.START_ARRAY) {
                        depth++;
                    } else if (next == jakarta.json.stream.JsonParser.Event.END_OBJECT || next == jakarta.json.stream.JsonParser.Event.END_ARRAY) {
                        depth--;
                    } else if (next == jakarta.json.stream.JsonParser.Event.KEY_NAME && depth == 1) {
                        keys.add(parser.getString());
                    }
                }
            }
            assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), "duplicate keys in " + json);
            assertEquals("e-1", jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject().getString("id"));
        }
    }
}
