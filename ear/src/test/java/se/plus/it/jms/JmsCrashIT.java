package se.plus.it.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * kill -9 while commands are in flight, then start again: every command sent is applied exactly once,
 * each with its audit record and its event, whatever was acknowledged (answered) before the kill among
 * them; none ends in plus.dead-letter, and no user's row stays locked. Runs a server of its own
 * ({@link OwnServer}): the shared one must not be killed.
 *
 * <p>Each command forwards one of a few users to a number used by no other command, so that applying
 * a command twice would show as a second audit record or a second event with its number; commands of
 * one user carry the user as JMSXGroupID, so that they do not race each other. Events are told apart by
 * their {@code id}: the outbox sends at least once, so an event sent just before the kill may come again
 * after the restart, with the same id and sequence, and counts once; each user's events must be
 * numbered 1, 2, 3, ... without a gap.
 *
 * <p>The killed server runs on the pass's database: H2 in the H2 pass, a PostgreSQL database of its own in
 * the PostgreSQL pass, where all of the above holds without exception. H2 (2.5.252) can lose its last
 * commits at a kill -9, committed and answered or not: when it writes a chunk of its file somewhere other
 * than where the previous chunk predicted, the file header it writes names the previous chunk, and
 * recovery does not find the new one (RandomAccessStore.writeChunk is called before FileStore.storeBuffer
 * sets lastChunk; the README's known limits). So in the H2 pass a command answered in the seconds before
 * the kill may be missing after it, with the event the relay may already have sent for it; this test
 * names each such command and holds everything else to the rule.
 */
class JmsCrashIT {

    private static final int USERS = 20;
    private static final int COMMANDS_PER_USER = 15;
    private static final int TOTAL = USERS * COMMANDS_PER_USER;
    private static final Duration BOOT = Duration.ofSeconds(300);
    /**
     * H2 loses only its last commits: those of the moment before the kill (its header is written again
     * at least every 20 store versions, a fraction of a second of commits here).
     */
    private static final Duration H2_LOSS_WINDOW = Duration.ofSeconds(5);
    private static final boolean ON_POSTGRESQL = "postgresql".equals(System.getProperty("it.db"));

    /** Who got what: correlation id → command; events by their id (an event sent again is one event). */
    private final Map<String, Command> commands = new ConcurrentHashMap<>();
    /** The command whose send the kill interrupted: it may or may not have reached the queue. */
    private final Map<String, Command> uncertain = new ConcurrentHashMap<>();
    /** The commands answered DONE before the kill, with when the answer came. */
    private final Map<String, Instant> repliedBeforeKill = new ConcurrentHashMap<>();
    private final Map<String, String> eventTargetById = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> eventSequencesByExtension = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger eventsReceived = new java.util.concurrent.atomic.AtomicInteger();
    private final Set<String> deadLettered = ConcurrentHashMap.newKeySet();

    record Command(String extension, String target, int index) {
    }

    @Test
    void commandsInFlightWhenTheServerIsKilledAreEachAppliedExactlyOnceAfterItStartsAgain() throws Exception {
        int offset = OwnServer.freePortOffset(Integer.getInteger("it.crash.port.offset", 650));
        Path base = Path.of(System.getProperty("it.data.dir")).resolveSibling("it-crash-" + offset);
        try (var server = new OwnServer(base, offset)) {
            if (ON_POSTGRESQL) {
                assumeTrue(ScratchDatabase.fresh("plus_crash_it"), "a PostgreSQL server for the killed server's database");
                server.onPostgresql(ScratchDatabase.url("plus_crash_it"), ScratchDatabase.USER, ScratchDatabase.PASSWORD);
            }
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
            var factory = new ActiveMQConnectionFactory(server.jmsUrl());
            JMSContext jms = factory.createContext(System.getProperty("plus.jms.user"), System.getProperty("plus.jms.password"));
            var replies = jms.createTemporaryQueue();
            jms.createContext(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(replies).setMessageListener(reply -> {
                try {
                    if (reply.getStringProperty("outcome").equals("DONE")) {
                        repliedBeforeKill.put(reply.getJMSCorrelationID(), Instant.now());
                    }
                } catch (Exception unreadable) {
                    throw new IllegalStateException(unreadable);
                }
            });
            // Commands go on being sent while the server dies: some are on the queue, some being
            // applied, some answered, and the one being sent at the kill may or may not have arrived.
            // Sent in transactions of 50, so that they are on the queue faster than they are applied.
            JMSContext sending = factory.createContext(System.getProperty("plus.jms.user"),
                    System.getProperty("plus.jms.password"), JMSContext.SESSION_TRANSACTED);
            Thread sender = new Thread(() -> {
                var queue = sending.createQueue("plus.commands");
                var producer = sending.createProducer();
                Map<String, Command> batch = new HashMap<>();
                try {
                    for (int i = 0; i < COMMANDS_PER_USER; i++) {
                        for (String ext : extensions) {
                            String target = "070" + ext + String.format("%02d", i);
                            String correlation = ext + "-" + i;
                            TextMessage message = sending.createTextMessage("{\"extension\":\"" + ext
                                    + "\",\"command\":\"FORWARD\",\"kind\":\"UNCONDITIONAL\",\"target\":\"" + target + "\"}");
                            message.setJMSReplyTo(replies);
                            message.setJMSCorrelationID(correlation);
                            message.setStringProperty("JMSXGroupID", ext);
                            producer.send(queue, message);
                            batch.put(correlation, new Command(ext, target, i));
                            if (batch.size() == 50) {
                                sending.commit();
                                commands.putAll(batch);
                                batch.clear();
                            }
                        }
                    }
                    sending.commit();
                    commands.putAll(batch);
                } catch (RuntimeException | jakarta.jms.JMSException serverGone) {
                    uncertain.putAll(batch);
                }
            }, "crash-it-sender");
            sender.start();
            awaitCount(() -> repliedBeforeKill.size() >= TOTAL / 5, Duration.ofSeconds(120), "a fifth of the replies");
            Instant killed = Instant.now();
            server.kill();
            sender.join(60_000);
            try {
                jms.close();
                factory.close();
            } catch (RuntimeException connectionGone) {
                // closing a context whose server is gone may complain; the test goes on
            }
            int answered = repliedBeforeKill.size();
            closeQuietly(events);
            int sent = commands.size();
            assertTrue(answered < sent, "the kill came after every command was done: nothing was in flight");

            server.start(BOOT);
            events = subscribe(server);
            JMSContext dlq = deadLetters(server);
            Map<String, List<JsonObject>> audit = new HashMap<>();
            var progress = new java.util.concurrent.atomic.AtomicReference<>("nothing yet");
            var settled = new Settling(Duration.ofSeconds(15));
            awaitCount(() -> {
                int applied = 0;
                try {
                    for (String ext : extensions) {
                        List<JsonObject> records = jmsRecords(server, ext);
                        audit.put(ext, records);
                        applied += records.size();
                    }
                } catch (IllegalStateException notNow) {
                    // Seen once on H2 for ~3 s after the restart, while the redelivered commands ran: lock
                    // timeouts, reads included (500). A row locked for good fails the last check below.
                    progress.set("the audit trail not readable yet: " + notNow.getMessage());
                    return false;
                }
                List<String> missing = notApplied(audit);
                progress.set(applied + " applied, " + deadLettered.size() + " dead-lettered of " + sent + " sent; not applied: "
                        + missing);
                // On H2 a command it lost after answering never comes: done once only such ones are missing
                // and nothing has moved for a while (the queue is empty by then).
                boolean onlyH2Losses = !ON_POSTGRESQL && missing.stream().allMatch(m -> m.endsWith(ANSWERED));
                return applied + deadLettered.size() >= sent || settled.still(applied + deadLettered.size()) && onlyH2Losses;
            }, Duration.ofSeconds(300), () -> progress.get() + "; the server's warnings: " + server.consoleWarnings());
            awaitCount(() -> withoutEvent(audit).isEmpty(), Duration.ofSeconds(30),
                    () -> "every event: " + eventTargetById.size() + " events for " + sent + " commands sent; audited without an event: "
                            + withoutEvent(audit) + "; the server's warnings: " + server.consoleWarnings());
            closeQuietly(events);
            closeQuietly(dlq);

            Map<String, Integer> auditByTarget = new HashMap<>();
            audit.values().forEach(records -> records.forEach(r -> auditByTarget.merge(target(r.getString("after")), 1, Integer::sum)));
            Map<String, Integer> eventsByTarget = new HashMap<>();
            eventTargetById.values().forEach(t -> eventsByTarget.merge(t, 1, Integer::sum));
            List<String> wrong = new ArrayList<>();
            List<String> lostByH2 = new ArrayList<>();
            var phantomEvents = new java.util.concurrent.atomic.AtomicInteger();
            commands.forEach((correlation, c) -> {
                String e164 = "+46" + c.target().substring(1);
                int records = auditByTarget.getOrDefault(e164, 0);
                int published = eventsByTarget.getOrDefault(e164, 0);
                boolean dead = deadLettered.contains(correlation);
                boolean once = records == 1 && published == 1 && !dead;
                Instant answeredAt = repliedBeforeKill.get(correlation);
                if (!ON_POSTGRESQL && records == 0 && published <= 1 && !dead && answeredAt != null
                        && answeredAt.isAfter(killed.minus(H2_LOSS_WINDOW))) {
                    long before = Duration.between(answeredAt, killed).toMillis();
                    lostByH2.add(correlation + " (answered " + (before >= 0 ? before + " ms before" : -before + " ms after")
                            + " the kill was sent" + (published == 1 ? ", its event sent" : "") + ")");
                    phantomEvents.addAndGet(published);
                } else if (!once) {
                    wrong.add(correlation + (repliedBeforeKill.containsKey(correlation) ? " (answered before the kill)" : "")
                            + ": " + records + " audit records, " + published + " events"
                            + (dead ? ", in plus.dead-letter" : ""));
                }
            });
            int maybe = 0;
            for (Command c : uncertain.values()) {
                String e164 = "+46" + c.target().substring(1);
                int records = auditByTarget.getOrDefault(e164, 0);
                int published = eventsByTarget.getOrDefault(e164, 0);
                if (records > 1 || records != published) {
                    wrong.add(c + " (its send was cut by the kill): " + records + " audit records, " + published + " events");
                }
                maybe += records;
            }
            assertTrue(wrong.isEmpty(), wrong.size() + " commands not applied exactly once: " + wrong);
            if (!lostByH2.isEmpty()) {
                System.out.println("H2 lost " + lostByH2.size() + " answered commands at the kill (its chunk-header defect,"
                        + " see the class comment): " + lostByH2);
            }
            assertEquals(Set.of(), deadLettered, "no command dead-lettered because of the crash");
            int dead = deadLettered.size();
            eventSequencesByExtension.forEach((ext, sequences) -> assertEquals(sequences.size(), sequences.stream()
                    .mapToLong(Long::longValue).max().orElse(0), "the events of " + ext + " are numbered without a gap: " + sequences));
            int kept = sent - dead + maybe - lostByH2.size();
            assertEquals(kept, auditByTarget.values().stream().mapToInt(Integer::intValue).sum(), "audit records");
            assertEquals(kept + phantomEvents.get(), eventTargetById.size(), "events");
            // None half-applied: each user's state is the one its last audit record says. (Not necessarily its
            // last command sent: a command redelivered after a failure may be overtaken by later ones.)
            for (String ext : extensions) {
                List<JsonObject> records = audit.get(ext);
                if (records.isEmpty()) {
                    continue;
                }
                JsonObject services = Json.createReader(new StringReader(server.admin("GET", "/api/users/" + ext + "/services", null)))
                        .readObject();
                assertEquals(target(records.get(records.size() - 1).getString("after")),
                        services.getJsonObject("forwarding").getJsonObject("unconditional").getString("target"),
                        "the state of " + ext + " is the one of its last audit record");
            }
            // No row left locked: every user takes one more change (a locked row would hold it past the REST call's 30 s).
            for (String ext : extensions) {
                server.admin("PUT", "/api/users/" + ext + "/forwarding/busy", "{\"target\":\"0701234567\"}");
            }
            System.out.printf("kill -9 with %d commands sent, %d answered, %d send cut; after the restart %d applied once"
                    + " (%d of the cut ones), %d lost by H2, %d in plus.dead-letter, none twice, none half; %d event messages"
                    + " received for %d events (the rest sent again with the same id)%n",
                    sent, answered, uncertain.size(), kept, maybe, lostByH2.size(), dead, eventsReceived.get(), eventTargetById.size());
        }
    }

    /**
     * The commands sent that no audit record shows (at most ten), each said to be answered before the kill
     * or not: answered means its change had committed before the reply was sent, so a loss of it is the
     * database's; unanswered means the message itself went missing.
     */
    private List<String> notApplied(Map<String, List<JsonObject>> audit) {
        Set<String> applied = new java.util.HashSet<>();
        audit.values().forEach(records -> records.forEach(r -> applied.add(target(r.getString("after")))));
        return commands.entrySet().stream()
                .filter(c -> !applied.contains("+46" + c.getValue().target().substring(1)) && !deadLettered.contains(c.getKey()))
                .limit(10)
                .map(c -> c.getKey() + (repliedBeforeKill.containsKey(c.getKey()) ? ANSWERED : " (unanswered)"))
                .toList();
    }

    private static final String ANSWERED = " (answered before the kill)";

    /** Whether a count has stayed the same for a while. */
    private static final class Settling {
        private final Duration quiet;
        private int last = -1;
        private Instant since = Instant.now();

        Settling(Duration quiet) {
            this.quiet = quiet;
        }

        boolean still(int count) {
            if (count != last) {
                last = count;
                since = Instant.now();
            }
            return Instant.now().isAfter(since.plus(quiet));
        }
    }

    /** The targets of audit records no event has been received for (at most ten). */
    private List<String> withoutEvent(Map<String, List<JsonObject>> audit) {
        Set<String> published = Set.copyOf(eventTargetById.values());
        return audit.values().stream().flatMap(List::stream).map(r -> target(r.getString("after")))
                .filter(t -> !published.contains(t)).limit(10).toList();
    }

    private JMSContext subscribe(OwnServer server) {
        var factory = new ActiveMQConnectionFactory(server.jmsUrl());
        JMSContext jms = factory.createContext(System.getProperty("plus.jms.user"), System.getProperty("plus.jms.password"));
        jms.setClientID("crash-it");
        jms.createDurableConsumer(jms.createTopic("plus.events"), "crash-it-events", "type = 'FORWARDING_CHANGED'", false)
                .setMessageListener(this::collectEvent);
        return jms;
    }

    /** What ended in the dead-letter queue: nothing should. */
    private JMSContext deadLetters(OwnServer server) {
        var factory = new ActiveMQConnectionFactory(server.jmsUrl());
        JMSContext jms = factory.createContext(System.getProperty("plus.jms.user"), System.getProperty("plus.jms.password"));
        jms.createConsumer(jms.createQueue("plus.dead-letter")).setMessageListener(message -> {
            try {
                deadLettered.add(message.getJMSCorrelationID());
            } catch (Exception unreadable) {
                throw new IllegalStateException(unreadable);
            }
        });
        return jms;
    }

    private void collectEvent(Message message) {
        try {
            JsonObject event = Json.createReader(new StringReader(((TextMessage) message).getText())).readObject();
            eventsReceived.incrementAndGet();
            String earlier = eventTargetById.putIfAbsent(event.getString("id"), event.getString("target"));
            if (earlier != null && !earlier.equals(event.getString("target"))) {
                throw new IllegalStateException("two events with the id " + event.getString("id"));
            }
            eventSequencesByExtension.computeIfAbsent(event.getString("extension"), e -> ConcurrentHashMap.newKeySet())
                    .add(event.getJsonNumber("sequence").longValueExact());
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
        awaitCount(condition, timeout, () -> what);
    }

    private static void awaitCount(Condition condition, Duration timeout, java.util.function.Supplier<String> what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what.get());
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
