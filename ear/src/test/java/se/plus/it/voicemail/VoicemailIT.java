package se.plus.it.voicemail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.it.voicemail.Phones.body;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sip.message.Request;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;
import se.plus.it.call.OutgoingCall;
import se.plus.it.call.TestPhone;

/**
 * A message left in the built-in voicemail, end to end (contract: SIP "Voicemail", REST voicemail row,
 * JMS VOICEMAIL_LEFT): a caller reaches a user whose profile sends calls to voicemail, hears the
 * greeting, speaks 3 s and hangs up; the user's phone is told a message waits, the message is listed,
 * downloads as a WAV that decodes, and its event reaches an integrator.
 */
@ExtendWith(ArquillianExtension.class)
class VoicemailIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** The greeting: 200 ms of silence and a 600 ms beep, in 20 ms packets. */
    private static final int GREETING_PACKETS = 40;
    private static final int THREE_SECONDS = 150;

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
    void annaCallsBertilWhoIsAtLunchLeavesThreeSecondsAndBertilSeesHearsAndDeletesIt() throws Exception {
        String anna = Rest.createUser("");
        String bertil = Rest.createUser("");
        Rest asBertil = Rest.asUser(bertil);
        assertEquals(201, asBertil.post("/api/users/" + bertil + "/profiles",
                "{\"number\":2,\"name\":\"Lunch\",\"handling\":\"VOICEMAIL\"}").status());
        assertEquals(200, asBertil.put("/api/users/" + bertil + "/active-profile", "{\"number\":2}").status());
        TestPhone desk = phones.registered(bertil);
        assertEquals(200, desk.subscribe("message-summary", 600));
        assertTrue(body(desk.awaitNotify(0, WAIT)).contains("Messages-Waiting: no"));

        try (var factory = new ActiveMQConnectionFactory(PlusServer.jmsUrl());
             JMSContext jms = factory.createContext(PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = jms.createConsumer(jms.createTopic("plus.events"),
                    "type = 'VOICEMAIL_LEFT' AND extension = '" + bertil + "'");

            TestPhone annasPhone = phones.registered(anna);
            OutgoingCall call = annasPhone.call(bertil, true);
            assertTrue(call.awaitAnswered(WAIT), "the voicemail answers: " + call.statuses());
            assertTrue(call.remoteSdp().contains("RTP/AVP 0"), call.remoteSdp());
            assertTrue(annasPhone.media().awaitReceived(GREETING_PACKETS, WAIT) >= GREETING_PACKETS, "the greeting tone");
            annasPhone.media().sendTo(call.remoteSdp(), THREE_SECONDS);
            assertEquals(200, call.hangUp());

            JsonObject message = awaitOneMessage(asBertil, bertil);
            int seconds = message.getInt("seconds");
            assertTrue(seconds >= 2 && seconds <= 3, "about 3 s: " + message);
            assertEquals(anna, message.getString("from"));
            assertTrue(message.getBoolean("new"));

            Request waiting = desk.awaitNotify(1, WAIT);
            assertNotNull(waiting, "Bertil's phone is told");
            assertTrue(body(waiting).contains("Messages-Waiting: yes"), body(waiting));
            assertTrue(body(waiting).contains("Voice-Message: 1/0"), body(waiting));

            var event = (TextMessage) events.receive(20_000);
            assertNotNull(event, "VOICEMAIL_LEFT on plus.events");
            JsonObject json = Json.createReader(new StringReader(event.getText())).readObject();
            assertEquals(message.getString("id"), json.getString("messageId"));
            assertEquals(anna, json.getString("from"));
            assertEquals(seconds, json.getInt("seconds"));
            assertEquals("SIP", json.getString("source"));

            HttpResponse<byte[]> wav = download(bertil, message.getString("id"));
            assertEquals(200, wav.statusCode());
            assertEquals("audio/wav", wav.headers().firstValue("Content-Type").orElse(""));
            try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav.body()))) {
                assertEquals(8000f, audio.getFormat().getSampleRate());
                long frames = audio.getFrameLength();
                assertTrue(Math.abs(frames - seconds * 8000L) <= 4000, "frames " + frames + " for " + seconds + " s");
            }
            Request heard = desk.awaitNotify(2, WAIT);
            assertNotNull(heard, "listening turns the lamp off");
            assertTrue(body(heard).contains("Messages-Waiting: no") && body(heard).contains("Voice-Message: 0/1"), body(heard));
            assertFalse(awaitOneMessage(asBertil, bertil).getBoolean("new"));

            assertEquals(204, asBertil.delete("/api/users/" + bertil + "/voicemail/" + message.getString("id")).status());
            assertEquals("[]", asBertil.get("/api/users/" + bertil + "/voicemail").body());
            Request deleted = desk.awaitNotify(3, WAIT);
            assertNotNull(deleted);
            assertTrue(body(deleted).contains("Voice-Message: 0/0"), body(deleted));
        }
    }

    /** The deposit commits on a worker after the BYE: re-checked (by parking) until it is listed. */
    private static JsonObject awaitOneMessage(Rest rest, String ext) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            var list = rest.get("/api/users/" + ext + "/voicemail");
            assertEquals(200, list.status(), list.body());
            JsonArray messages = Json.createReader(new StringReader(list.body())).readArray();
            if (!messages.isEmpty() || System.nanoTime() > deadline) {
                assertEquals(1, messages.size(), list.body());
                return messages.getJsonObject(0);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static HttpResponse<byte[]> download(String ext, String id) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((ext + ":" + ext + "-rest-pw").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(PlusServer.http("/api/users/" + ext + "/voicemail/" + id))
                .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
