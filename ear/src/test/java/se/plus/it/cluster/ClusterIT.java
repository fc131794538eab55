package se.plus.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import javax.sip.message.Request;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.plus.it.call.OutgoingCall;
import se.plus.it.call.TestPhone;
import se.plus.it.jms.Integrator;
import se.plus.it.jms.OwnServer;
import se.plus.it.jms.ScratchDatabase;

/**
 * Two nodes on this machine (cluster.sh, standalone-plus-ha.xml) sharing one PostgreSQL database: phones
 * registered through different nodes call each other both ways, a feature code works through each node,
 * an event reaches a subscriber of either node, a profile expires once; then node 1 is killed with
 * SIGKILL and node 2 goes on: it routes a call to the phone that registered through node 1, REST and JMS
 * answer, what node 1 acknowledged is there, the failure count node 1 made still blocks, events flow.
 *
 * <p>Runs in the PostgreSQL pass ({@code -Ppostgresql}, or {@code -Dit.cluster=true}); skipped without a
 * PostgreSQL server. Nodes at port offsets {@code it.cluster.port.offset} and +100 (default 600, 700).
 */
class ClusterIT {

    private static final Logger LOG = Logger.getLogger(ClusterIT.class.getName());
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DATABASE = "plus_cluster_it";

    private final List<AutoCloseable> open = new ArrayList<>();
    private ClusterNode node1;
    private ClusterNode node2;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void phonesOnEitherNodeReachEachOtherAndNodeTwoCarriesOnWhenNodeOneIsKilled() throws Exception {
        assumeTrue("postgresql".equals(System.getProperty("it.db")) || Boolean.getBoolean("it.cluster"),
                "ClusterIT runs in the PostgreSQL pass (-Ppostgresql) or with -Dit.cluster=true");
        assumeTrue(ScratchDatabase.fresh(DATABASE), "ClusterIT needs a PostgreSQL server at " + ScratchDatabase.SERVER
                + " (user " + ScratchDatabase.USER + ")");
        startTwoNodes();

        String anna = createUser(node1, "Anna Cluster");
        String berit = createUser(node2, "Berit Cluster");
        String carl = createUser(node1, "Carl Cluster");
        TestPhone annasPhone = phone(anna, node1);
        TestPhone beritsPhone = phone(berit, node2);
        assertEquals(200, annasPhone.register(600), "Anna registers through node 1");
        assertEquals(200, beritsPhone.register(600), "Berit registers through node 2");

        assertCallConnects(annasPhone, beritsPhone, berit, "Anna (node 1) calls Berit (node 2)");
        assertCallConnects(beritsPhone, annasPhone, anna, "Berit (node 2) calls Anna (node 1)");

        // A user is busy on every node: Berit (call waiting off) talks with Anna through node 1; Carl, calling
        // her through node 2, hears busy; once she hung up, her phone rings for him again.
        assertEquals(200, node2.admin("POST", "/api/users/" + berit + "/dial",
                "{\"digits\":\"#43#\",\"device\":\"TERMINAL\"}").statusCode(), "call waiting off");
        TestPhone carlsPhone = phone(carl, node2);
        OutgoingCall annaToBerit = annasPhone.call(berit, true);
        assertTrue(annaToBerit.awaitAnswered(WAIT), "Anna (node 1) talks with Berit: " + annaToBerit.statuses());
        assertNotNull(beritsPhone.nextIncomingCall(WAIT));
        OutgoingCall carlToBerit = carlsPhone.call(berit, true);
        assertNotNull(carlToBerit.awaitStatus(486, WAIT), "node 2 knows Berit is busy on node 1: " + carlToBerit.statuses());
        assertEquals(200, annaToBerit.hangUp());
        // Node 1 answers Anna's BYE before it ends the call and clears Berit's mark: a call from node 2 in
        // that moment may still find her busy, so Carl tries again for a few seconds.
        assertCallConnectsWithin(carlsPhone, beritsPhone, berit, Duration.ofSeconds(10),
                "Carl (node 2) calls Berit, free again");

        assertPickupCrossesNodes(annasPhone, beritsPhone, carlsPhone, berit);

        assertMessageWaitingCrossesNodes(annasPhone, beritsPhone, berit);

        try (var node2Events = new Events(node2, "type = 'FORWARDING_CHANGED' AND extension = '" + anna + "'")) {
            // Busy forwarding: calls to Anna still ring her phone (below).
            assertFeatureCodeDone(annasPhone, "*67*0701234567%23", "a code through node 1");
            assertTrue(forwardingOf(node2, anna).contains("+46701234567"), "node 2 reads what node 1 changed");
            assertNotNull(node2Events.next(Duration.ofSeconds(20)), "node 2's subscriber gets the event of node 1's change");
        }
        assertFeatureCodeDone(beritsPhone, "*21*0701234568%23", "a code through node 2");
        assertTrue(forwardingOf(node1, berit).contains("+46701234568"), "node 1 reads what node 2 changed");

        assertProfileExpiresOnce(carl);

        // A call node 1 carries when it dies: Carl, through node 1, talks with Dora (registered through node 2).
        String dora = createUser(node2, "Dora Cluster");
        TestPhone dorasPhone = phone(dora, node2);
        assertEquals(200, dorasPhone.register(600));
        TestPhone carlsPhoneAtNode1 = phone(carl, node1);
        OutgoingCall lost = carlsPhoneAtNode1.call(dora, true);
        assertTrue(lost.awaitAnswered(WAIT), "Carl (node 1) talks with Dora: " + lost.statuses());
        var lostAtDora = dorasPhone.nextIncomingCall(WAIT);
        assertNotNull(lostAtDora);

        // Carl's account is guessed at through node 1 until it is blocked (3 failures: the nodes' setting).
        for (int i = 0; i < 3; i++) {
            assertEquals(401, node1.rest(carl, "wrong-" + i, "GET", "/api/users/" + carl, null).statusCode());
        }
        assertEquals(429, node1.rest(carl, "rest-" + carl, "GET", "/api/users/" + carl, null).statusCode());

        Instant killed = Instant.now();
        node1.kill();

        Instant routedAgain = assertCallConnectsWithin(beritsPhone, annasPhone, anna, Duration.ofSeconds(60),
                "after the kill, node 2 routes to the phone that registered through node 1");
        LOG.info(() -> "kill -9 of node 1 to the first call connected through node 2: "
                + Duration.between(killed, routedAgain).toMillis() + " ms");
        assertTrue(forwardingOf(node2, anna).contains("+46701234567"), "what node 1 acknowledged is kept");
        assertEquals(429, node2.rest(carl, "rest-" + carl, "GET", "/api/users/" + carl, null).statusCode(),
                "the failure count made through node 1 still blocks at node 2");
        try (var node2Events = new Events(node2, "extension = '" + berit + "'");
             var integrator = new Integrator(node2.jmsUrl(), System.getProperty("plus.jms.user"),
                     System.getProperty("plus.jms.password"))) {
            var reply = integrator.call("{\"extension\":\"" + berit + "\",\"digits\":\"#21#\",\"device\":\"TERMINAL\"}");
            assertEquals("DONE", reply.outcome(), "a JMS command through node 2: " + reply);
            assertEquals(200, node2.admin("PUT", "/api/users/" + berit + "/forwarding/busy",
                    "{\"target\":\"0701234569\"}").statusCode(), "a REST change through node 2");
            assertNotNull(node2Events.next(Duration.ofSeconds(30)), "events flow again from node 2 (relay lease taken over)");
        }

        // Node 2 ends the call node 1 carried (node 1 is taken for dead 30 s after it was last heard of).
        assertTrue(lost.awaitBye(Duration.ofSeconds(60)), "node 2 sends Carl's phone BYE for the dead node's call");
        assertTrue(lostAtDora.awaitBye(Duration.ofSeconds(5)), "and Dora's");
        LOG.info(() -> "kill -9 of node 1 to BYE from node 2 for its call: " + Duration.between(killed, Instant.now()).toMillis() + " ms");
    }

    private void startTwoNodes() throws Exception {
        int base = Integer.getInteger("it.cluster.port.offset", 600);
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "cluster-it-" + base);
        OwnServer.deleteTree(dir);
        var environment = Map.of(
                "PLUS_DB_DRIVER", "postgresql",
                "PLUS_DB_URL", ScratchDatabase.url(DATABASE),
                "PLUS_DB_USER", ScratchDatabase.USER,
                "PLUS_DB_PASSWORD", ScratchDatabase.PASSWORD,
                "PLUS_CLUSTER_PASSWORD", "cluster-it-" + ThreadLocalRandom.current().nextLong(),
                "PLUS_CLUSTER_OFFSET", String.valueOf(base),
                "PLUS_CLUSTER_DIR", dir.toString(),
                "PLUS_ADMIN_USERNAME", System.getProperty("it.admin.user"),
                "PLUS_ADMIN_PASSWORD", System.getProperty("it.admin.password"),
                "PLUS_REST_AUTH_MAX_FAILURES_PER_ACCOUNT", "3");
        var fullEnvironment = new java.util.HashMap<>(environment);
        fullEnvironment.put("JBOSS_HOME", System.getProperty("server.home"));
        fullEnvironment.put("PLUS_EAR", System.getProperty("ear.file"));
        node1 = new ClusterNode(1, base, dir);
        node2 = new ClusterNode(2, base, dir);
        open.add(node1);
        open.add(node2);
        // One after the other, as cluster.sh up does: node 2 then joins node 1's view as it starts.
        node1.start(2, fullEnvironment);
        node1.awaitHealthy(Instant.now().plus(Duration.ofMinutes(4)));
        node2.start(2, fullEnvironment);
        node2.awaitHealthy(Instant.now().plus(Duration.ofMinutes(4)));
    }

    /**
     * Anna calls Berit through node 1, which carries the call; Carl dials {@code *80*<Berit>} through
     * node 2, where nothing rings: node 2 hands his INVITE to node 1, Carl talks with Anna (media both
     * ways through node 1), Berit's phone stops ringing, and Carl's BYE, sent where the answer's Contact
     * says (node 1), ends the call for Anna too. Then a pickup of a call ringing nowhere is refused.
     */
    private void assertPickupCrossesNodes(TestPhone annasPhone, TestPhone beritsPhone, TestPhone carlsPhone, String berit)
            throws Exception {
        beritsPhone.answerWith(TestPhone.Answer.RING_ONLY, null);
        // Berit's call with Carl has just ended through node 2: node 1 may still see her busy mark for a
        // moment (call waiting is off for her), so Anna tries again until it rings.
        OutgoingCall call = null;
        var attempts = new ArrayList<String>();
        Instant until = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(until)) {
            call = annasPhone.call(berit, true);
            if (call.awaitStatus(180, Duration.ofSeconds(3)) != null) {
                break;
            }
            attempts.add(call.statuses().toString());
            call = null;
        }
        assertNotNull(call, "Anna's call rings at Berit: " + attempts);
        var atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit, "node 1 rings Berit's phone");

        OutgoingCall pickup = carlsPhone.call("*80*" + berit, true);
        assertTrue(pickup.awaitAnswered(WAIT), "Carl, through node 2, has the call of node 1: " + pickup.statuses());
        assertTrue(call.awaitAnswered(WAIT), "Anna is answered: " + call.statuses());
        assertTrue(atBerit.awaitCancel(WAIT), "Berit's phone stops ringing");
        assertHears(carlsPhone, annasPhone, call.remoteSdp(), "Anna -> Carl");
        assertHears(annasPhone, carlsPhone, pickup.remoteSdp(), "Carl -> Anna");
        assertEquals(200, pickup.hangUp(), "Carl hangs up at node 1, which holds his dialog");
        assertTrue(call.awaitBye(WAIT), "Anna hears Carl hang up");

        OutgoingCall nothing = carlsPhone.call("*80*" + berit, true);
        assertNotNull(nothing.awaitStatus(480, WAIT), "nothing rings at Berit on any node: " + nothing.statuses());
        beritsPhone.answerWith(TestPhone.Answer.RING_THEN_OK, java.time.Duration.ofMillis(200));
    }

    private static void assertHears(TestPhone listener, TestPhone speaker, String speakersSdp, String what) throws Exception {
        long before = listener.media().received();
        speaker.media().sendTo(speakersSdp, 25);
        assertTrue(listener.media().awaitReceived(before + 20, WAIT) >= before + 20, what);
    }

    /**
     * Berit's phone watches her mailbox through node 2; Anna, through node 1, leaves her a message (Berit's
     * profile sends calls to voicemail): node 2 lights the lamp. Berit deletes it through node 1's REST:
     * node 2 puts the lamp out.
     */
    private void assertMessageWaitingCrossesNodes(TestPhone annasPhone, TestPhone beritsPhone, String berit) throws Exception {
        assertEquals(201, node2.admin("POST", "/api/users/" + berit + "/profiles",
                "{\"number\":2,\"name\":\"Lunch\",\"handling\":\"VOICEMAIL\"}").statusCode());
        assertEquals(200, node2.admin("PUT", "/api/users/" + berit + "/active-profile", "{\"number\":2}").statusCode());
        assertEquals(200, beritsPhone.subscribe("message-summary", 600), "Berit's phone subscribes through node 2");
        assertTrue(notifyBody(beritsPhone.awaitNotify(0, WAIT)).contains("Messages-Waiting: no"));

        OutgoingCall toVoicemail = annasPhone.call(berit, true);
        assertTrue(toVoicemail.awaitAnswered(WAIT), "node 1's voicemail answers Anna: " + toVoicemail.statuses());
        assertTrue(annasPhone.media().awaitReceived(40, WAIT) >= 40, "Anna hears the greeting");
        annasPhone.media().sendTo(toVoicemail.remoteSdp(), 150);
        assertEquals(200, toVoicemail.hangUp());
        Request left = beritsPhone.awaitNotify(1, Duration.ofSeconds(20));
        assertNotNull(left, "node 2 tells Berit's phone of the message left through node 1");
        assertTrue(notifyBody(left).contains("Messages-Waiting: yes"), notifyBody(left));

        HttpResponse<String> list = node1.rest(berit, "rest-" + berit, "GET", "/api/users/" + berit + "/voicemail", null);
        assertEquals(200, list.statusCode(), list.body());
        String id = Json.createReader(new StringReader(list.body())).readArray().getJsonObject(0).getString("id");
        assertEquals(204, node1.rest(berit, "rest-" + berit, "DELETE", "/api/users/" + berit + "/voicemail/" + id, null)
                .statusCode());
        Request deleted = beritsPhone.awaitNotify(2, Duration.ofSeconds(20));
        assertNotNull(deleted, "node 2 tells Berit's phone of the deletion through node 1");
        assertTrue(notifyBody(deleted).contains("Messages-Waiting: no"), notifyBody(deleted));
        assertEquals(200, node2.admin("PUT", "/api/users/" + berit + "/active-profile", "{\"number\":1}").statusCode());
    }

    private static String notifyBody(Request notify) {
        assertNotNull(notify, "a NOTIFY");
        return new String(notify.getRawContent(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private String createUser(ClusterNode node, String name) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            String extension = String.valueOf(ThreadLocalRandom.current().nextInt(200_000, 999_999));
            HttpResponse<String> response = node.admin("POST", "/api/users", "{\"extension\":\"" + extension
                    + "\",\"name\":\"" + name + "\",\"password\":\"rest-" + extension + "\",\"sipPassword\":\"sip-" + extension + "\"}");
            if (response.statusCode() == 201) {
                return extension;
            }
            assertEquals(409, response.statusCode(), response.body());
        }
        throw new IllegalStateException("no free extension");
    }

    private TestPhone phone(String extension, ClusterNode node) throws Exception {
        var phone = new TestPhone(extension, "sip-" + extension, node.sipPort(), "udp");
        open.add(phone);
        return phone;
    }

    private static void assertCallConnects(TestPhone caller, TestPhone callee, String calleeExtension, String what)
            throws Exception {
        OutgoingCall call = caller.call(calleeExtension, true);
        assertTrue(call.awaitAnswered(WAIT), what + ": " + call.statuses());
        assertNotNull(callee.nextIncomingCall(WAIT), what + ": the callee's phone rang");
        assertEquals(200, call.hangUp(), what + ": hang up");
    }

    /** Calls until one connects (the survivor may first have to see the dead node go); when it did. */
    private static Instant assertCallConnectsWithin(TestPhone caller, TestPhone callee, String calleeExtension,
                                                    Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<String> attempts = new ArrayList<>();
        while (Instant.now().isBefore(deadline)) {
            OutgoingCall call = caller.call(calleeExtension, true);
            if (answeredUnlessRefused(call, WAIT)) {
                Instant connected = Instant.now();
                assertNotNull(callee.nextIncomingCall(WAIT), what + ": the callee's phone rang");
                assertEquals(200, call.hangUp(), what + ": hang up");
                return connected;
            }
            attempts.add(call.statuses().toString());
        }
        throw new AssertionError(what + ": no call connected within " + timeout + "; attempts " + attempts);
    }

    /**
     * Whether the call is answered within the timeout; false as soon as it is refused (a final status
     * other than the digest challenge), so that a caller trying again does not wait out a refused call.
     */
    private static boolean answeredUnlessRefused(OutgoingCall call, Duration timeout) throws InterruptedException {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (call.awaitAnswered(Duration.ofMillis(100))) {
                return true;
            }
            if (call.statuses().stream().anyMatch(status -> status >= 300 && status != 401 && status != 407)) {
                return false;
            }
        }
        return false;
    }

    private static void assertFeatureCodeDone(TestPhone phone, String code, String what) throws Exception {
        OutgoingCall call = phone.call(code, true);
        assertTrue(call.awaitAnswered(WAIT), what + ": the code is confirmed with 200: " + call.statuses());
        assertTrue(call.awaitBye(WAIT), what + ": the server ends the confirmation");
    }

    private static String forwardingOf(ClusterNode node, String extension) throws Exception {
        HttpResponse<String> services = node.admin("GET", "/api/users/" + extension + "/services", null);
        assertEquals(200, services.statusCode(), services.body());
        return services.body();
    }

    /** A profile that ends a few seconds from now: both nodes poll, one PROFILE_EXPIRED event is published. */
    private void assertProfileExpiresOnce(String extension) throws Exception {
        assertEquals(201, node1.admin("POST", "/api/users/" + extension + "/profiles",
                "{\"number\":2,\"name\":\"Lunch\",\"handling\":\"VOICEMAIL\",\"defaultDuration\":\"PT1H\"}").statusCode());
        String selector = "type = 'PROFILE_EXPIRED' AND extension = '" + extension + "'";
        try (var atNode1 = new Events(node1, selector); var atNode2 = new Events(node2, selector)) {
            Instant until = Instant.now().plusSeconds(4);
            assertEquals(200, node2.admin("PUT", "/api/users/" + extension + "/active-profile",
                    "{\"number\":2,\"until\":\"" + until + "\"}").statusCode());
            for (Events events : List.of(atNode1, atNode2)) {
                assertNotNull(events.next(Duration.ofSeconds(20)), "the profile expired");
            }
            for (Events events : List.of(atNode1, atNode2)) {
                assertNull(events.next(Duration.ofSeconds(3)), "one expiry, one event, whichever node's timer ran it");
            }
        }
    }

    /** A subscriber of plus.events connected to one node, as an integrator following the README. */
    private static final class Events implements AutoCloseable {
        private final ActiveMQConnectionFactory factory;
        private final JMSContext jms;
        private final JMSConsumer consumer;

        Events(ClusterNode node, String selector) {
            factory = new ActiveMQConnectionFactory(node.jmsUrl());
            jms = factory.createContext(System.getProperty("plus.jms.user"), System.getProperty("plus.jms.password"));
            consumer = jms.createConsumer(jms.createTopic("plus.events"), selector);
        }

        JsonObject next(Duration timeout) throws Exception {
            var message = (TextMessage) consumer.receive(timeout.toMillis());
            return message == null ? null : Json.createReader(new StringReader(message.getText())).readObject();
        }

        @Override
        public void close() {
            jms.close();
            factory.close();
        }
    }
}
