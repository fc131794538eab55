package se.plus.it.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/**
 * kill -9 while commands are in flight, then start again: every command is applied exactly once, each
 * with its audit record and its event, and whatever was acknowledged (answered) before the kill is
 * among them. Runs a server of its own ({@link OwnServer}): the shared one must not be killed.
 *
 * <p>Each command forwards one of a few users to a number used by no other command, so that applying
 * a command twice would show as a second audit record or a second event with its number; commands of
 * one user carry the user as JMSXGroupID, so they are applied in the order sent and the last one sent
 * is the state at the end.
 */
class JmsCrashIT {

    private static final int USERS = 20;
    private static final int COMMANDS_PER_USER = 30;
    private static final int TOTAL = USERS * COMMANDS_PER_USER;
    private static final Duration BOOT = Duration.ofSeconds(300);

    /** Who got what: correlation id → command; events by JMS message id (a redelivered event is one event). */
    private final Map<String, Command> commands = new HashMap<>();
    private final Set<String> repliedBeforeKill = ConcurrentHashMap.newKeySet();
    private final Map<String, String> eventTargetById = new ConcurrentHashMap<>();

    record Command(String extension, String target) {
    }

    @Test
    void commandsInFlightWhenTheServerIsKilledAreEachAppliedExactlyOnceAfterItStartsAgain() throws Exception {
        int offset = OwnServer.freePortOffset(Integer.getInteger("it.crash.port.offset", 650));
        Path base = Path.of(System.getProperty("it.data.dir")).resolveSibling("it-crash-" + offset);
        try (var server = new OwnServer(base, offset)) {
            // The integrator keeps a durable subscription to plus.events across the crash.
            server.prepare(xml -> xml.replace("create-non-durable-queue=\"true\"",
                    "create-durable-queue=\"true\" create-non-durable-queue=\"true\"")).start(BOOT);
            List<String> extensions = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                String ext = String.valueOf(70_000 + u);
                server.admin("POST", "/api/users", "{\"extension\":\"" + ext + "\",\"name\":\"Crash " + ext
                        + "\",\"password\":\"" + ext + "-rest-pw\",\"sipPassword\":\"" + ext + "-sip-pw\"}");
                extensions.add(ext);
            }

            var events = subscribe(server);
            try (var factory = new ActiveMQConnectionFactory(server.jmsUrl());
                 JMSContext jms = factory.createContext(System.getProperty("plus.jms.user"), System.getProperty("plus.jms.password"))) {
                var replies = jms.createTemporaryQueue();
                jms.createConsumer(replies).setMessageListener(reply -> {
                    try {
                        if (reply.getStringProperty("outcome").equals("DONE")) {
                            repliedBeforeKill.add(reply.getJMSCorrelationID());
                        }
                    } catch (Exception unreadable) {
                        throw new IllegalStateException(unreadable);
                    }
                });
                var queue = jms.createQueue("plus.commands");
                var producer = jms.createProducer();
                for (int i = 0; i < COMMANDS_PER_USER; i++) {
                    for (String ext : extensions) {
                        String target = "070" + ext + String.format("%02d", i);
                        String correlation = ext + "-" + i;
                        commands.put(correlation, new Command(ext, target));
                        TextMessage message = jms.createTextMessage("{\"extension\":\"" + ext
                                + "\",\"command\":\"FORWARD\",\"kind\":\"UNCONDITIONAL\",\"target\":\"" + target + "\"}");
                        message.setJMSReplyTo(replies);
                        message.setJMSCorrelationID(correlation);
                        message.setStringProperty("JMSXGroupID", ext);
                        producer.send(queue, message);
                    }
                }
                awaitCount(() -> repliedBeforeKill.size() >= TOTAL / 5, Duration.ofSeconds(120), "a fifth of the replies");
                server.kill();
            } catch (RuntimeException connectionGone) {
                // closing a context whose server is gone may complain; the test goes on
            }
            int answered = repliedBeforeKill.size();
            closeQuietly(events);
            assertTrue(answered < TOTAL, "the kill came after every command was done: nothing was in flight");

            server.start(BOOT);
            events = subscribe(server);
            Map<String, List<JsonObject>> audit = new HashMap<>();
            awaitCount(() -> {
                int applied = 0;
                for (String ext : extensions) {
                    List<JsonObject> records = jmsRecords(server, ext);
                    audit.put(ext, records);
                    applied += records.size();
                }
                return applied >= TOTAL;
            }, Duration.ofSeconds(240), "every command applied after the restart");
            awaitCount(() -> eventTargetById.size() >= TOTAL, Duration.ofSeconds(30), "every event");
            Thread.sleep(2000);
            closeQuietly(events);

            Map<String, Integer> auditByTarget = new HashMap<>();
            audit.values().forEach(records -> records.forEach(r -> auditByTarget.merge(target(r.getString("after")), 1, Integer::sum)));
            Map<String, Integer> eventsByTarget = new HashMap<>();
            eventTargetById.values().forEach(t -> eventsByTarget.merge(t, 1, Integer::sum));
            List<String> wrong = new ArrayList<>();
            commands.forEach((correlation, c) -> {
                String e164 = "+46" + c.target().substring(1);
                int records = auditByTarget.getOrDefault(e164, 0);
                int published = eventsByTarget.getOrDefault(e164, 0);
                if (records != 1 || published != 1) {
                    wrong.add(correlation + (repliedBeforeKill.contains(correlation) ? " (answered before the kill)" : "")
                            + ": " + records + " audit records, " + published + " events");
                }
            });
            assertTrue(wrong.isEmpty(), wrong.size() + " commands not applied exactly once: " + wrong);
            assertEquals(TOTAL, auditByTarget.values().stream().mapToInt(Integer::intValue).sum(), "audit records");
            assertEquals(TOTAL, eventTargetById.size(), "events");
            for (String ext : extensions) {
                String last = "+46" + commands.get(ext + "-" + (COMMANDS_PER_USER - 1)).target().substring(1);
                JsonObject services = Json.createReader(new StringReader(server.admin("GET", "/api/users/" + ext + "/services", null)))
                        .readObject();
                assertEquals(last, services.getJsonObject("forwarding").getJsonObject("unconditional").getString("target"),
                        "the state of " + ext + " is its last command");
            }
            System.out.printf("kill -9 after %d of %d commands answered; after the restart all %d applied once%n",
                    answered, TOTAL, TOTAL);
        }
    }

    private JMSContext subscribe(OwnServer server) {
        var factory = new ActiveMQConnectionFactory(server.jmsUrl());
        JMSContext jms = factory.createContext(System.getProperty("plus.jms.user"), System.getProperty("plus.jms.password"));
        jms.setClientID("crash-it");
        jms.createDurableConsumer(jms.createTopic("plus.events"), "crash-it-events", "type = 'FORWARDING_CHANGED'", false)
                .setMessageListener(this::collectEvent);
        return jms;
    }

    private void collectEvent(Message message) {
        try {
            JsonObject event = Json.createReader(new StringReader(((TextMessage) message).getText())).readObject();
            eventTargetById.put(message.getJMSMessageID(), event.getString("target"));
        } catch (Exception unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static List<JsonObject> jmsRecords(OwnServer server, String ext) throws Exception {
        return Json.createReader(new StringReader(server.admin("GET", "/api/audit?extension=" + ext, null))).readArray()
                .getValuesAs(JsonObject.class).stream().filter(r -> r.getString("entryPoint").equals("JMS")).toList();
    }

    /** The unconditional target in an audit record's state: "forwarding{unconditional=+4670... no_answer=...". */
    private static String target(String state) {
        int from = state.indexOf("unconditional=") + "unconditional=".length();
        return state.substring(from, state.indexOf(' ', from));
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitCount(Condition condition, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(250);
        }
    }

    private static void closeQuietly(JMSContext jms) {
        try {
            jms.close();
        } catch (RuntimeException alreadyGone) {
            // the server was killed under it
        }
    }
}
