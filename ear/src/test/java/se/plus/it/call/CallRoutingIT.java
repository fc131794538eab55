package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpResponse;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sip.header.Header;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;
import se.plus.it.call.TestPhone.Answer;
import se.plus.it.sip.TestUsers;
import se.plus.it.sip.TestUsers.SipUser;

/**
 * The rules at call time (contract, SIP "Calls", "Busy", "Diverted calls"): what the FAQ promises for
 * forwarding, profiles and bypass, as the phones of the people involved see it.
 */
@ExtendWith(ArquillianExtension.class)
class CallRoutingIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofMillis(800);

    private final List<TestPhone> phones = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @AfterEach
    void hangUpEveryPhone() {
        phones.forEach(TestPhone::close);
    }

    private TestPhone registered(SipUser user, Answer answer) throws Exception {
        var phone = new TestPhone(user.extension(), user.sipPassword(), PlusServer.sipPort(), "udp");
        phones.add(phone);
        assertEquals(200, phone.register(300));
        phone.answerWith(answer, Duration.ofMillis(200));
        return phone;
    }

    private static void rest(String method, String path, String json) throws Exception {
        HttpResponse<String> response = TestUsers.send(method, path, json);
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.statusCode() + " " + response.body());
    }

    private static void forward(SipUser user, String kind, SipUser to, String more) throws Exception {
        rest("PUT", "/api/users/" + user.extension() + "/forwarding/" + kind,
                "{\"target\":\"" + to.extension() + "\"" + more + "}");
    }

    private static String header(Request request, String name) {
        Header header = request.getHeader(name);
        return header == null ? null : header.toString().trim();
    }

    @Test
    @DisplayName("Direkt: alla inkommande direktsamtal vidarekopplas till angivet nummer")
    void unconditionalForwardingRingsTheTargetNotTheUser() throws Exception {
        SipUser anna = TestUsers.create("Anna Direkt");
        SipUser berit = TestUsers.create("Berit Direkt");
        SipUser cecilia = TestUsers.create("Cecilia Direkt");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.RING_THEN_OK);
        TestPhone ceciliasPhone = registered(cecilia, Answer.RING_THEN_OK);
        forward(berit, "unconditional", cecilia, "");

        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);

        assertTrue(call.awaitAnswered(WAIT), "answered by the forwarding target: " + call.statuses());
        assertNotNull(atCecilia);
        assertNull(beritsPhone.nextIncomingCall(SHORT), "Berit's phone does not ring");
        String history = header(atCecilia.invite(), "History-Info");
        assertNotNull(history, "History-Info names the diversion");
        assertTrue(history.contains("sip:" + berit.extension() + "@") && history.contains("cause%3D302")
                && history.contains("sip:" + cecilia.extension() + "@") && history.contains("cause=302"), history);
        assertTrue(header(atCecilia.invite(), "From").contains("Anna Direkt"), "the caller is still Anna");
        assertEquals(200, call.hangUp());
    }

    @Test
    @DisplayName("Vid upptaget: alla inkommande samtal du får vid upptaget kopplas vidare — varje telefon svarar 486")
    void busyForwardingWhenEveryDeviceIsBusy() throws Exception {
        SipUser anna = TestUsers.create("Anna Upptaget");
        SipUser berit = TestUsers.create("Berit Upptaget");
        SipUser cecilia = TestUsers.create("Cecilia Upptaget");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.BUSY_486);
        TestPhone ceciliasPhone = registered(cecilia, Answer.RING_THEN_OK);
        forward(berit, "busy", cecilia, "");

        OutgoingCall call = annasPhone.call(berit.extension(), true);

        assertNotNull(beritsPhone.nextIncomingCall(WAIT), "Berit's phone is offered the call first");
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
        assertNotNull(atCecilia, "then the busy forwarding target rings");
        assertTrue(call.awaitAnswered(WAIT), call.statuses().toString());
        assertTrue(header(atCecilia.invite(), "History-Info").contains("cause=486"), header(atCecilia.invite(), "History-Info"));
        assertEquals(200, call.hangUp());
    }

    @Test
    @DisplayName("Vid upptaget: i samtal med samtal väntar av är man upptagen — utan vidarekoppling hör den som ringer upptaget")
    void inACallWithCallWaitingOffIsBusy() throws Exception {
        SipUser anna = TestUsers.create("Anna Väntar");
        SipUser berit = TestUsers.create("Berit Väntar");
        SipUser david = TestUsers.create("David Väntar");
        SipUser cecilia = TestUsers.create("Cecilia Väntar");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.OK_IMMEDIATELY);
        TestPhone davidsPhone = registered(david, Answer.RING_ONLY);
        TestPhone ceciliasPhone = registered(cecilia, Answer.RING_THEN_OK);
        assertEquals(200, TestUsers.post("/api/users/" + berit.extension() + "/dial",
                "{\"digits\":\"#43#\",\"device\":\"TERMINAL\"}").statusCode(), "call waiting off");
        OutgoingCall busyWithDavid = davidsPhone.call(berit.extension(), true);
        assertTrue(busyWithDavid.awaitAnswered(WAIT));
        assertNotNull(beritsPhone.nextIncomingCall(WAIT));

        OutgoingCall refused = annasPhone.call(berit.extension(), true);
        assertNotNull(refused.awaitStatus(486, WAIT), "busy: " + refused.statuses());
        assertNull(beritsPhone.nextIncomingCall(SHORT), "a busy user's phone is not offered a second call");

        forward(berit, "busy", cecilia, "");
        OutgoingCall forwarded = annasPhone.call(berit.extension(), true);
        assertTrue(forwarded.awaitAnswered(WAIT), "the busy forwarding takes it: " + forwarded.statuses());
        assertNotNull(ceciliasPhone.nextIncomingCall(WAIT));
        assertEquals(200, forwarded.hangUp());
        assertEquals(200, busyWithDavid.hangUp());
    }

    @Test
    @DisplayName("Fördröjd: alla samtal vidarekopplas till angivet nummer efter en viss tid (om ingen svarar)")
    void noAnswerForwardingAfterTheUsersDelay() throws Exception {
        SipUser anna = TestUsers.create("Anna Fördröjd");
        SipUser berit = TestUsers.create("Berit Fördröjd");
        SipUser cecilia = TestUsers.create("Cecilia Fördröjd");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.RING_ONLY);
        TestPhone ceciliasPhone = registered(cecilia, Answer.RING_THEN_OK);
        forward(berit, "no-answer", cecilia, ",\"delaySeconds\":5");

        long placed = System.nanoTime();
        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit, "Berit's phone rings first");
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(Duration.ofSeconds(10));
        long waitedMillis = (System.nanoTime() - placed) / 1_000_000;

        assertNotNull(atCecilia, "after the delay the target rings");
        assertTrue(waitedMillis >= 4_900 && waitedMillis <= 6_500, "the delay is 5 s: waited " + waitedMillis + " ms");
        assertTrue(atBerit.awaitCancel(WAIT), "Berit's phone gets CANCEL");
        assertTrue(call.awaitAnswered(WAIT));
        assertTrue(header(atCecilia.invite(), "History-Info").contains("cause=408"));
        assertEquals(200, call.hangUp());
    }

    @Test
    @DisplayName("Samtalsspärr: en profil som spärrar ger 480 med hänvisningen i Warning, och ingen telefon ringer")
    void aBarringProfileRefusesWithItsReferralMessage() throws Exception {
        SipUser anna = TestUsers.create("Anna Spärr");
        SipUser berit = TestUsers.create("Berit Spärr");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.RING_THEN_OK);
        rest("PUT", "/api/users/" + berit.extension() + "/profiles/7",
                "{\"name\":\"Semester\",\"handling\":\"BARRED\",\"referralMessage\":\"Tillbaka måndag\"}");
        rest("PUT", "/api/users/" + berit.extension() + "/active-profile", "{\"number\":7}");

        OutgoingCall call = annasPhone.call(berit.extension(), true);

        Response refused = call.awaitStatus(480, WAIT);
        assertNotNull(refused, call.statuses().toString());
        assertTrue(String.valueOf(refused.getHeader("Warning")).contains("Tillbaka måndag"), String.valueOf(refused.getHeader("Warning")));
        assertNull(beritsPhone.nextIncomingCall(SHORT));
    }

    @Test
    @DisplayName("Aktivera en profil: lunchprofilen vidarekopplar till en kollega, och förbikoppling når ändå fram")
    void aForwardingProfileDivertsAndBypassGetsPastItAndPastBarring() throws Exception {
        SipUser anna = TestUsers.create("Anna Profil");
        SipUser berit = TestUsers.create("Berit Profil");
        SipUser cecilia = TestUsers.create("Cecilia Profil");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.RING_THEN_OK);
        TestPhone ceciliasPhone = registered(cecilia, Answer.RING_THEN_OK);
        rest("PUT", "/api/users/" + berit.extension() + "/profiles/2",
                "{\"name\":\"Lunch\",\"handling\":\"FORWARD\",\"target\":\"" + cecilia.extension() + "\"}");
        rest("PUT", "/api/users/" + berit.extension() + "/active-profile", "{\"number\":2}");

        OutgoingCall toLunch = annasPhone.call(berit.extension(), true);
        IncomingCall atCecilia = ceciliasPhone.nextIncomingCall(WAIT);
        assertNotNull(atCecilia, "the profile forwards to Cecilia");
        assertTrue(toLunch.awaitAnswered(WAIT), toLunch.statuses().toString());
        assertTrue(header(atCecilia.invite(), "History-Info").contains("cause=302"));
        assertNull(beritsPhone.nextIncomingCall(SHORT));
        assertEquals(200, toLunch.hangUp());

        OutgoingCall bypassing = annasPhone.call("*60*" + berit.extension() + "%23", true);
        assertTrue(bypassing.awaitAnswered(WAIT), bypassing.statuses().toString());
        assertNotNull(beritsPhone.nextIncomingCall(WAIT), "*60* rings Berit past her profile");
        assertEquals(200, bypassing.hangUp());

        rest("PUT", "/api/users/" + berit.extension() + "/profiles/3", "{\"name\":\"Semester\",\"handling\":\"BARRED\"}");
        rest("PUT", "/api/users/" + berit.extension() + "/active-profile", "{\"number\":3}");
        OutgoingCall pastBarring = annasPhone.call("*60*" + berit.extension() + "%23", true);
        assertTrue(pastBarring.awaitAnswered(WAIT), "*60* rings Berit past barring too: " + pastBarring.statuses());
        assertNotNull(beritsPhone.nextIncomingCall(WAIT));
        assertEquals(200, pastBarring.hangUp());
    }

    @Test
    @DisplayName("Förbikoppla: ring förbi vidarekopplingen på en kollega och kom ändå fram")
    void bypassRingsTheColleaguePastTheirForwarding() throws Exception {
        SipUser anna = TestUsers.create("Anna Förbi");
        SipUser berit = TestUsers.create("Berit Förbi");
        SipUser cecilia = TestUsers.create("Cecilia Förbi");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.RING_THEN_OK);
        TestPhone ceciliasPhone = registered(cecilia, Answer.RING_THEN_OK);
        forward(berit, "unconditional", cecilia, "");

        OutgoingCall call = annasPhone.call("*60*" + berit.extension() + "%23", true);

        assertTrue(call.awaitAnswered(WAIT), call.statuses().toString());
        assertNotNull(beritsPhone.nextIncomingCall(WAIT), "Berit's own phone rings");
        assertNull(ceciliasPhone.nextIncomingCall(SHORT), "the forwarding is bypassed");
        assertEquals(200, call.hangUp());
    }

    @Test
    @DisplayName("En slinga av två: båda vidarekopplar vid upptaget till varandra — högst 5 omkopplingar, sedan upptaget")
    void aLoopOfTwoIsCutAfterFiveDiversions() throws Exception {
        SipUser anna = TestUsers.create("Anna Slinga");
        SipUser berit = TestUsers.create("Berit Slinga");
        SipUser cecilia = TestUsers.create("Cecilia Slinga");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.BUSY_486);
        TestPhone ceciliasPhone = registered(cecilia, Answer.BUSY_486);
        forward(berit, "busy", cecilia, "");
        forward(cecilia, "busy", berit, "");

        OutgoingCall call = annasPhone.call(berit.extension(), true);

        assertNotNull(call.awaitStatus(486, Duration.ofSeconds(10)), "the loop ends in busy: " + call.statuses());
        int offers = count(beritsPhone) + count(ceciliasPhone);
        assertEquals(6, offers, "the first offer and five diversions");
    }

    @Test
    @DisplayName("En kedja av sex vidarekopplingar: den femte omkopplingens mål ringer, inte den sjätte")
    void aChainOfSixStopsAtTheHopLimit() throws Exception {
        SipUser anna = TestUsers.create("Anna Kedja");
        List<SipUser> chain = new ArrayList<>();
        List<TestPhone> chainPhones = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            chain.add(TestUsers.create("Kedja " + i));
            chainPhones.add(registered(chain.get(i), Answer.RING_THEN_OK));
        }
        for (int i = 0; i < 6; i++) {
            forward(chain.get(i), "unconditional", chain.get(i + 1), "");
        }
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);

        OutgoingCall call = annasPhone.call(chain.get(0).extension(), true);

        assertTrue(call.awaitAnswered(WAIT), call.statuses().toString());
        assertNotNull(chainPhones.get(5).nextIncomingCall(WAIT), "after five diversions the fifth target rings");
        assertNull(chainPhones.get(6).nextIncomingCall(SHORT), "the sixth diversion is not followed");
        assertEquals(200, call.hangUp());
    }

    @Test
    @DisplayName("OBS! Avser endast fastnummer: samtal till mobilnumret följer vidarekopplingen bara när mobilen följer fastnumret")
    void mobileFollowsFixedDecidesWhetherForwardingAppliesToTheMobileNumber() throws Exception {
        SipUser anna = TestUsers.create("Anna Mobil");
        String mobile = "0709" + (100_000 + (int) (Math.random() * 800_000));
        SipUser berit = TestUsers.create("Berit Mobil", ",\"mobileNumber\":\"" + mobile + "\"");
        SipUser cecilia = TestUsers.create("Cecilia Mobil");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.RING_THEN_OK);
        TestPhone ceciliasPhone = registered(cecilia, Answer.RING_THEN_OK);
        forward(berit, "unconditional", cecilia, "");

        OutgoingCall toMobile = annasPhone.call(mobile, true);
        assertTrue(toMobile.awaitAnswered(WAIT), toMobile.statuses().toString());
        assertNotNull(beritsPhone.nextIncomingCall(WAIT), "off: the mobile number rings Berit");
        assertNull(ceciliasPhone.nextIncomingCall(SHORT));
        assertEquals(200, toMobile.hangUp());

        rest("PATCH", "/api/users/" + berit.extension(), "{\"mobileFollowsFixed\":true}");
        OutgoingCall followed = annasPhone.call(mobile, true);
        assertTrue(followed.awaitAnswered(WAIT), followed.statuses().toString());
        assertNotNull(ceciliasPhone.nextIncomingCall(WAIT), "on: the forwarding applies to the mobile too");
        assertEquals(200, followed.hangUp());
    }

    @Test
    @DisplayName("Varför gick samtalet dit det gick: spåret av ett riktigt samtal och torrkörningen är samma")
    void theTraceOfTheCallAndTheDryRunAgreeAndCallEndedIsPublished() throws Exception {
        SipUser anna = TestUsers.create("Anna Spår");
        SipUser berit = TestUsers.create("Berit Spår");
        SipUser cecilia = TestUsers.create("Cecilia Spår");
        SipUser stranger = TestUsers.create("Utomstående Spår");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        registered(berit, Answer.RING_THEN_OK);
        registered(cecilia, Answer.RING_THEN_OK);
        forward(berit, "unconditional", cecilia, "");

        var dryRun = Rest.as(berit.extension(), "rest-" + berit.sipPassword())
                .get("/api/users/" + berit.extension() + "/route?from=" + anna.extension());
        assertEquals(200, dryRun.status(), dryRun.body());
        JsonObject wouldDo = dryRun.json();
        assertEquals("RING", wouldDo.getString("action"));
        assertEquals(cecilia.extension(), wouldDo.getString("user"));
        JsonObject firstStep = wouldDo.getJsonArray("trace").getJsonObject(0);
        assertEquals(berit.extension(), firstStep.getString("user"));
        assertEquals("unconditionalForwarding", firstStep.getString("decidedBy"));
        assertEquals(List.of("bypassSkipsBarringReferralAndForwarding", "queueCallsRingTheMember",
                "mobileFollowsRulesOnlyWhenItFollowsFixed"), strings(firstStep.getJsonArray("rulesPassed")));

        try (var jms = new ActiveMQConnectionFactory(PlusServer.jmsUrl()).createContext(PlusServer.jmsUser(), PlusServer.jmsPassword())) {
            JMSConsumer events = jms.createConsumer(jms.createTopic("plus.events"),
                    "type = 'CALL_ENDED' AND extension = '" + berit.extension() + "'");
            OutgoingCall call = annasPhone.call(berit.extension(), true);
            assertTrue(call.awaitAnswered(WAIT), call.statuses().toString());
            assertEquals(200, call.hangUp());

            var message = (TextMessage) events.receive(20_000);
            assertNotNull(message, "CALL_ENDED within 20 s");
            JsonObject cdr = Json.createReader(new StringReader(message.getText())).readObject();
            assertEquals("ANSWERED", cdr.getString("outcome"));
            assertEquals(anna.extension(), cdr.getString("from"));
            assertEquals(berit.extension(), cdr.getString("to"));
            assertEquals(cecilia.extension(), cdr.getString("answeredBy"));
            assertEquals(berit.extension(), cdr.getJsonArray("diversions").getJsonObject(0).getString("by"));
            String id = cdr.getString("callId");
            assertTrue(!id.equals(cdr.getString("id")), "the event has an id of its own");

            var list = Rest.as(anna.extension(), "rest-" + anna.sipPassword()).get("/api/users/" + anna.extension() + "/calls?limit=5");
            assertEquals(200, list.status(), list.body());
            JsonObject recorded = list.structure().asJsonArray().getJsonObject(0);
            assertEquals(id, recorded.getString("id"));
            assertEquals(wouldDo.getJsonArray("trace"), recorded.getJsonArray("trace"), "the dry run said what the call did");
            JsonArray legs = recorded.getJsonArray("legs");
            assertEquals(1, legs.size(), legs.toString());
            assertEquals("ANSWERED", legs.getJsonObject(0).getString("result"));

            assertEquals(200, Rest.as(cecilia.extension(), "rest-" + cecilia.sipPassword()).get("/api/calls/" + id).status(),
                    "whoever answered may read the call");
            assertEquals(404, Rest.as(stranger.extension(), "rest-" + stranger.sipPassword()).get("/api/calls/" + id).status(),
                    "someone not in the call cannot");
            assertEquals(403, Rest.as(stranger.extension(), "rest-" + stranger.sipPassword())
                    .get("/api/users/" + anna.extension() + "/calls").status());
        }
    }

    @Test
    @DisplayName("Svarsgrupp/kösystem: ett samtal till kön ringer de inloggade medlemmarna, inte deras vidarekopplingar")
    void aQueueCallRingsItsLoggedInMembersPastTheirForwarding() throws Exception {
        SipUser anna = TestUsers.create("Anna Kö");
        SipUser berit = TestUsers.create("Berit Kö");
        SipUser cecilia = TestUsers.create("Cecilia Kö");
        SipUser david = TestUsers.create("David Kö");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        TestPhone beritsPhone = registered(berit, Answer.RING_ONLY);
        TestPhone ceciliasPhone = registered(cecilia, Answer.RING_THEN_OK);
        TestPhone davidsPhone = registered(david, Answer.RING_THEN_OK);
        int queue = 100_000 + (int) (Math.random() * 99_999);
        rest("POST", "/api/queues", "{\"number\":" + queue + ",\"name\":\"Växeln\",\"members\":[\"" + berit.extension()
                + "\",\"" + cecilia.extension() + "\",\"" + david.extension() + "\"]}");

        OutgoingCall nobody = annasPhone.call(String.valueOf(queue), true);
        Response refused = nobody.awaitStatus(480, WAIT);
        assertNotNull(refused, "nobody logged in: " + nobody.statuses());
        assertEquals("SERVICE_NOT_ACTIVE", refused.getReasonPhrase());

        rest("PUT", "/api/queues/" + queue + "/logins/" + berit.extension(), null);
        rest("PUT", "/api/queues/" + queue + "/logins/" + cecilia.extension(), null);
        forward(berit, "unconditional", david, "");
        OutgoingCall call = annasPhone.call(String.valueOf(queue), true);

        IncomingCall atBerit = beritsPhone.nextIncomingCall(WAIT);
        assertNotNull(atBerit, "a logged-in member rings despite their forwarding");
        assertNotNull(ceciliasPhone.nextIncomingCall(WAIT), "every logged-in member rings");
        assertTrue(call.awaitAnswered(WAIT), call.statuses().toString());
        assertTrue(atBerit.awaitCancel(WAIT), "the other member's phone stops ringing");
        assertNull(davidsPhone.nextIncomingCall(SHORT), "not logged in, and no forwarding of a member applies");
        assertEquals(200, call.hangUp());
    }

    @Test
    @DisplayName("Direkt till ett externt nummer: samtalet går ut genom trunken med Diversion och History-Info")
    void forwardingToAnOutsideNumberLeavesThroughTheTrunkWithDiversion() throws Exception {
        SipUser anna = TestUsers.create("Anna Trunk");
        SipUser berit = TestUsers.create("Berit Trunk", ",\"fixedNumber\":\"08" + (6_000_000 + (int) (Math.random() * 999_999)) + "\"");
        TestPhone annasPhone = registered(anna, Answer.RING_ONLY);
        registered(berit, Answer.RING_THEN_OK);
        var trunk = new TestPhone("trunk", "none", PlusServer.sipPort(), "udp", "127.0.0.2", PlusServer.trunkPort());
        phones.add(trunk);
        trunk.answerWith(Answer.OK_IMMEDIATELY, null);
        rest("PUT", "/api/users/" + berit.extension() + "/forwarding/unconditional", "{\"target\":\"0701234567\"}");

        OutgoingCall call = annasPhone.call(berit.extension(), true);
        IncomingCall outside = trunk.nextIncomingCall(WAIT);

        assertNotNull(outside, "the call left through the trunk");
        assertTrue(call.awaitAnswered(WAIT), call.statuses().toString());
        assertTrue(outside.invite().getRequestURI().toString().contains("+46701234567"), outside.invite().getRequestURI().toString());
        String diversion = header(outside.invite(), "Diversion");
        assertNotNull(diversion, "Diversion towards the trunk");
        assertTrue(diversion.contains("reason=unconditional") && diversion.contains("+468"), diversion);
        assertTrue(header(outside.invite(), "History-Info").contains("+46701234567"), header(outside.invite(), "History-Info"));
        assertEquals(200, call.hangUp());
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static int count(TestPhone phone) {
        return (int) phone.receivedRequests().stream().filter(r -> Request.INVITE.equals(r.getMethod())).count();
    }
}
