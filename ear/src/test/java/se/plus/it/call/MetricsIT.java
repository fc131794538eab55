package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.DoublePredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.call.TestPhone.Answer;
import se.plus.it.sip.TestUsers;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * What an operator's Prometheus scrapes from the server's micrometer subsystem (README, "Metrics") moves
 * with what phones and integrators do: registrations, calls in progress, calls by outcome, codes by outcome.
 * Other tests' phones may expire meanwhile (their count only falls), so the gauges are judged by how they
 * move with this test's own phone, never by an exact total.
 */
@ExtendWith(ArquillianExtension.class)
class MetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)", Pattern.MULTILINE);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void aRegistrationACallAndCodesMoveTheMetricsOperatorsScrape() throws Exception {
        SipUser anna = TestUsers.create("Anna Metrics");
        SipUser berit = TestUsers.create("Berit Metrics");
        double answeredBefore = value("plus_calls_total", Map.of("outcome", "ANSWERED"));
        double cancelledBefore = value("plus_calls_total", Map.of("outcome", "CANCELLED"));
        double sipCodesBefore = value("plus_codes_total", Map.of("outcome", "DONE", "via", "SIP"));
        double restRefusedBefore = value("plus_codes_total", Map.of("outcome", "INVALID_CODE", "via", "REST"));

        try (var phones = new CallPhones()) {
            TestPhone annasPhone = phones.registered(anna);
            TestPhone beritsPhone = phones.registered(berit);
            double registered = await("plus_registrations", Map.of(), v -> v >= 2);

            beritsPhone.answerWith(Answer.RING_THEN_OK, Duration.ofMillis(100));
            OutgoingCall call = annasPhone.call(berit.extension(), true);
            assertTrue(call.awaitAnswered(WAIT), "answered: " + call.statuses());
            assertNotNull(beritsPhone.nextIncomingCall(WAIT));
            double talking = await("plus_calls_live", Map.of(), v -> v >= 1);
            assertEquals(200, call.hangUp());
            await("plus_calls_live", Map.of(), v -> v < talking);
            await("plus_calls_total", Map.of("outcome", "ANSWERED"), v -> v >= answeredBefore + 1);

            beritsPhone.answerWith(Answer.RING_ONLY, null);
            OutgoingCall givenUp = annasPhone.call(berit.extension(), true);
            assertNotNull(givenUp.awaitStatus(180, WAIT), "ringing: " + givenUp.statuses());
            assertEquals(487, givenUp.cancel());
            await("plus_calls_total", Map.of("outcome", "CANCELLED"), v -> v >= cancelledBefore + 1);

            // *43# (call waiting on) from the phone; a string that is no code through REST.
            OutgoingCall code = annasPhone.call("*43#", true);
            assertTrue(code.awaitBye(WAIT) || code.awaitAnswered(WAIT), "the code's call: " + code.statuses());
            await("plus_codes_total", Map.of("outcome", "DONE", "via", "SIP"), v -> v >= sipCodesBefore + 1);
            var refused = TestUsers.post("/api/users/" + anna.extension() + "/dial", "{\"digits\":\"*99*1#\",\"device\":\"TERMINAL\"}");
            assertTrue(refused.body().contains("INVALID_CODE"), refused.statusCode() + " " + refused.body());
            await("plus_codes_total", Map.of("outcome", "INVALID_CODE", "via", "REST"), v -> v >= restRefusedBefore + 1);

            assertEquals(200, annasPhone.register(0));
            await("plus_registrations", Map.of(), v -> v < registered);
        }
        // The outbox's backlog is there for the dashboards, and the relay empties it.
        await("plus_outbox_waiting", Map.of(), v -> v == 0);
    }

    /** Scrapes until the sample satisfies {@code expected}; its value then. */
    private static double await(String name, Map<String, String> labels, DoublePredicate expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        double last;
        do {
            last = value(name, labels);
            if (expected.test(last)) {
                return last;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100)); // a poll interval, not a wait for an event
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(name + labels + " stayed at " + last + ":\n" + scrape());
    }

    /** The sample of {@code name} with these labels (and any others: the server adds its own), 0 when absent. */
    private static double value(String name, Map<String, String> labels) throws Exception {
        Matcher sample = SAMPLE.matcher(scrape());
        while (sample.find()) {
            String found = sample.group(3) == null ? "" : sample.group(3);
            if (sample.group(1).equals(name)
                    && labels.entrySet().stream().allMatch(l -> found.contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
                return Double.parseDouble(sample.group(4));
            }
        }
        return 0;
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + System.getProperty("it.management.port") + "/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }
}
