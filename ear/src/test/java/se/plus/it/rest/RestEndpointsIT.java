package se.plus.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.plus.it.rest.Problems.assertProblem;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;

/** Every endpoint of the contract's REST table through HTTP: its success, its refusals and who may call it. */
@ExtendWith(ArquillianExtension.class)
class RestEndpointsIT {

    private static final String DIAL_FORWARD = "{\"digits\":\"*21*0701234567#\",\"device\":\"TERMINAL\"}";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void anAdminCreatesReadsListsAndDeletesAUserAndTheDeletedUserIsGone() {
        String ext = Rest.uniqueExtension();
        var created = Located.post(adminUser(), adminPassword(), "/api/users", "{\"extension\":\"" + ext + "\",\"name\":\"Anna\",\"password\":\"anna-rest-pw\","
                + "\"sipPassword\":\"anna-sip\",\"mobileNumber\":\"070-1" + ext + "\",\"fixedNumber\":\"08-6" + ext + "\","
                + "\"transferMode\":\"ANNOUNCED\",\"mobileFollowsFixed\":true,\"noAnswerDelaySeconds\":25,"
                + "\"hideNumberOnExternalCalls\":true}");
        assertEquals(201, created.status(), created.body());
        assertTrue(created.json().getString("extension").equals(ext), created.body());
        assertEquals("+46701" + ext, created.json().getString("mobileNumber"), created.body());
        assertEquals("+4686" + ext, created.json().getString("fixedNumber"), created.body());
        assertEquals("ANNOUNCED", created.json().getString("transferMode"), created.body());
        assertEquals("USER", created.json().getString("role"), created.body());
        assertEquals(25, created.json().getInt("noAnswerDelaySeconds"), created.body());
        var location = Rest.admin().get(java.net.URI.create(created.location()).getPath());
        assertTrue(created.location().endsWith("/api/users/" + ext), created.location());
        assertEquals(200, location.status(), "Location " + created.location() + ": " + location.body());

        assertProblem(Rest.admin().post("/api/users", "{\"extension\":\"" + ext + "\",\"name\":\"Again\",\"password\":\"long-enough\","
                + "\"sipPassword\":\"long-enough-sip\"}"), 409, "CONFLICT");
        assertEquals(200, Rest.as(ext, "anna-rest-pw").get("/api/users/" + ext).status());
        var list = Rest.admin().get("/api/users");
        assertEquals(200, list.status(), list.body());
        assertTrue(list.structure().asJsonArray().stream()
                .anyMatch(u -> u.asJsonObject().getString("extension").equals(ext)), "the list has the new user");

        assertEquals(204, Rest.admin().delete("/api/users/" + ext).status());
        assertProblem(Rest.admin().get("/api/users/" + ext), 404, "NOT_FOUND");
        assertProblem(Rest.admin().get("/api/users/" + ext + "/services"), 404, "NOT_FOUND");
        assertProblem(Rest.admin().delete("/api/users/" + ext), 404, "NOT_FOUND");
        assertProblem(Rest.as(ext, "anna-rest-pw").get("/api/users/" + ext), 401, "UNAUTHORIZED");
    }

    @Test
    void aMobileNumberAnotherUserHasIsAConflictNotAServerError() {
        String anna = Rest.createUser(null);
        String bo = Rest.createUser(null);
        assertEquals(200, Rest.admin().patch("/api/users/" + anna, "{\"mobileNumber\":\"0701" + anna + "\"}").status());
        String boBefore = Rest.admin().get("/api/users/" + bo).body();

        String ext = Rest.uniqueExtension();
        assertProblem(Rest.admin().post("/api/users", "{\"extension\":\"" + ext + "\",\"name\":\"C\",\"password\":\"long-enough\","
                + "\"sipPassword\":\"long-enough-sip\",\"mobileNumber\":\"0701" + anna + "\"}"), 409, "CONFLICT");
        assertProblem(Rest.admin().get("/api/users/" + ext), 404, "NOT_FOUND");
        assertProblem(Rest.admin().patch("/api/users/" + bo, "{\"mobileNumber\":\"+46701" + anna + "\"}"), 409, "CONFLICT");
        assertEquals(boBefore, Rest.admin().get("/api/users/" + bo).body(), "nothing changed");
    }

    @Test
    void withoutCredentialsOrWithAWrongPasswordEveryEndpointIs401() {
        String ext = Rest.createUser(null);
        Rest wrong = Rest.as(ext, "not-the-password");
        Rest nobody = Rest.as("nobody", "whatever");
        for (Rest caller : List.of(Rest.anonymous(), wrong, nobody)) {
            assertProblem(caller.get("/api/users/" + ext), 401, "UNAUTHORIZED");
            assertProblem(caller.get("/api/users"), 401, "UNAUTHORIZED");
            assertProblem(caller.post("/api/users/" + ext + "/dial", DIAL_FORWARD), 401, "UNAUTHORIZED");
            assertProblem(caller.put("/api/users/" + ext + "/forwarding/busy", "{\"target\":\"0701234567\"}"), 401, "UNAUTHORIZED");
            assertProblem(caller.get("/api/queues"), 401, "UNAUTHORIZED");
            assertProblem(caller.get("/api/audit"), 401, "UNAUTHORIZED");
        }
        var unauthorized = Rest.anonymous().get("/api/users/" + ext);
        assertFalse(unauthorized.body().contains(ext + "-rest-pw"));
        assertEquals(200, Rest.anonymous().get("/api/health").status(), "health is public");
        assertEquals(false, Rest.admin().get("/api/users/" + ext + "/services").json()
                .getJsonObject("forwarding").getJsonObject("busy").getBoolean("active"), "nothing changed");
    }

    @Test
    void anUnknownExtensionIs404ForAnAdminAnd403ForAUser() {
        String user = Rest.createUser(null);
        String missing = Rest.uniqueExtension();
        for (var call : Map.of(
                "GET user", (Call) r -> r.get("/api/users/" + missing),
                "PATCH user", r -> r.patch("/api/users/" + missing, "{\"name\":\"X\"}"),
                "services", r -> r.get("/api/users/" + missing + "/services"),
                "forwarding", r -> r.put("/api/users/" + missing + "/forwarding/unconditional", "{\"target\":\"0701234567\"}"),
                "profiles", r -> r.get("/api/users/" + missing + "/profiles"),
                "active profile", r -> r.delete("/api/users/" + missing + "/active-profile"),
                "dial", r -> r.post("/api/users/" + missing + "/dial", DIAL_FORWARD)).entrySet()) {
            var admin = call.getValue().on(Rest.admin());
            assertTrue(Problems.problemIn(admin, 404, "NOT_FOUND") == null, call.getKey() + " as admin: " + Problems.problemIn(admin, 404, "NOT_FOUND"));
            var asUser = call.getValue().on(Rest.asUser(user));
            assertTrue(Problems.problemIn(asUser, 403, "FORBIDDEN") == null, call.getKey() + " as user: " + Problems.problemIn(asUser, 403, "FORBIDDEN"));
        }
    }

    @Test
    void aUserTouchingAnotherUsersRecordsGets403AndNothingChanges() {
        String mallory = Rest.createUser(null);
        String victim = Rest.createUser(null);
        assertEquals(200, Rest.admin().patch("/api/users/" + victim, "{\"mobileNumber\":\"0701" + victim + "\"}").status());
        String queue = String.valueOf(100_000 + Integer.parseInt(victim) % 800_000);
        Rest.admin().delete("/api/queues/" + queue);
        assertEquals(201, Rest.admin().post("/api/queues", "{\"number\":" + queue + ",\"name\":\"Q\",\"members\":[\""
                + victim + "\",\"" + mallory + "\"]}").status());
        Rest admin = Rest.admin();
        String before = snapshot(admin, victim) + admin.get("/api/queues/" + queue).body();

        Rest m = Rest.asUser(mallory);
        String v = "/api/users/" + victim;
        for (var attempt : List.of(
                m.get(v), m.patch(v, "{\"name\":\"Pwned\"}"), m.patch(v, "{\"password\":\"mine\"}"), m.delete(v),
                m.get(v + "/services"), m.post(v + "/dial", DIAL_FORWARD),
                m.put(v + "/forwarding/unconditional", "{\"target\":\"0702222222\"}"), m.delete(v + "/forwarding/busy"),
                m.get(v + "/profiles"), m.post(v + "/profiles", "{\"number\":2,\"name\":\"Lunch\",\"handling\":\"VOICEMAIL\"}"),
                m.put(v + "/profiles/3", "{\"name\":\"Out\",\"handling\":\"BARRED\"}"), m.delete(v + "/profiles/2"),
                m.put(v + "/active-profile", "{\"number\":1}"), m.delete(v + "/active-profile"),
                m.put("/api/queues/" + queue + "/logins/" + victim, null), m.delete("/api/queues/" + queue + "/logins/" + victim))) {
            assertProblem(attempt, 403, "FORBIDDEN");
        }
        assertEquals(before, snapshot(admin, victim) + admin.get("/api/queues/" + queue).body(), "nothing changed");
        assertEquals(200, Rest.asUser(victim).get(v).status(), "the victim's password still works");
        admin.delete("/api/queues/" + queue);
    }

    @Test
    void adminOnlyEndpointsAre403ForAUser() {
        String user = Rest.createUser(null);
        Rest u = Rest.asUser(user);
        int usersBefore = Rest.admin().get("/api/users").structure().asJsonArray().size();
        assertProblem(u.get("/api/users"), 403, "FORBIDDEN");
        assertProblem(u.post("/api/users", "{\"extension\":\"" + Rest.uniqueExtension()
                + "\",\"name\":\"X\",\"password\":\"long-enough\",\"sipPassword\":\"long-enough-sip\"}"), 403, "FORBIDDEN");
        assertProblem(u.delete("/api/users/" + user), 403, "FORBIDDEN");
        assertProblem(u.get("/api/queues"), 403, "FORBIDDEN");
        assertProblem(u.post("/api/queues", "{\"number\":4711,\"name\":\"Q\",\"members\":[\"" + user + "\"]}"), 403, "FORBIDDEN");
        assertProblem(u.get("/api/queues/4711"), 403, "FORBIDDEN");
        assertProblem(u.patch("/api/queues/4711", "{\"name\":\"Mine\"}"), 403, "FORBIDDEN");
        assertProblem(u.delete("/api/queues/4711"), 403, "FORBIDDEN");
        assertProblem(u.get("/api/audit"), 403, "FORBIDDEN");
        assertProblem(u.get("/api/audit?extension=" + user), 403, "FORBIDDEN");
        assertEquals(200, Rest.admin().get("/api/users/" + user).status(), "the user still exists");
        assertTrue(Rest.admin().get("/api/users").structure().asJsonArray().size() <= usersBefore + 1);
    }

    @Test
    void aUserChangesTheirNameAndPasswordButNotTheAdminFieldsWhichAnAdminMay() {
        String ext = Rest.createUser(null);
        assertEquals(200, Rest.admin().patch("/api/users/" + ext, "{\"mobileNumber\":\"0701" + ext + "\"}").status());
        Rest self = Rest.asUser(ext);
        var renamed = self.patch("/api/users/" + ext, "{\"name\":\"Bertil\",\"noAnswerDelaySeconds\":30,\"mobileFollowsFixed\":true}");
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("Bertil", renamed.json().getString("name"));
        assertEquals(30, renamed.json().getInt("noAnswerDelaySeconds"));

        assertEquals(200, self.patch("/api/users/" + ext, "{\"password\":\"new-secret\"}").status());
        assertProblem(self.get("/api/users/" + ext), 401, "UNAUTHORIZED");
        Rest renewed = Rest.as(ext, "new-secret");
        assertEquals(200, renewed.get("/api/users/" + ext).status());

        String before = Rest.admin().get("/api/users/" + ext).body();
        for (String adminField : List.of("{\"role\":\"ADMIN\"}", "{\"transferMode\":\"DIRECT\"}",
                "{\"mobileNumber\":\"0709" + ext + "\"}", "{\"fixedNumber\":\"08-7" + ext + "\"}", "{\"mobileNumber\":null}",
                "{\"hideNumberOnExternalCalls\":true}", "{\"name\":\"Sneaky\",\"role\":\"ADMIN\"}")) {
            assertProblem(renewed.patch("/api/users/" + ext, adminField), 403, "FORBIDDEN");
        }
        assertEquals(before, Rest.admin().get("/api/users/" + ext).body(), "nothing changed");
        assertProblem(renewed.get("/api/users"), 403, "FORBIDDEN");

        var byAdmin = Rest.admin().patch("/api/users/" + ext,
                "{\"transferMode\":\"DIRECT\",\"mobileNumber\":\"0709" + ext + "\",\"role\":\"ADMIN\"}");
        assertEquals(200, byAdmin.status(), byAdmin.body());
        assertEquals("DIRECT", byAdmin.json().getString("transferMode"));
        assertEquals("+46709" + ext, byAdmin.json().getString("mobileNumber"));
        assertEquals("ADMIN", byAdmin.json().getString("role"));
        assertEquals(200, renewed.get("/api/users").status(), "the new admin may list users");
        var cleared = Rest.admin().patch("/api/users/" + ext, "{\"mobileNumber\":null,\"role\":\"USER\"}");
        assertEquals(200, cleared.status(), cleared.body());
        assertFalse(cleared.json().containsKey("mobileNumber") && !cleared.json().isNull("mobileNumber"), cleared.body());
    }

    @Test
    void servicesAndForwardingOfAllThreeKindsAreSetAndCancelledByTheUserAndTheAdmin() {
        String ext = Rest.createUser(null);
        Rest self = Rest.asUser(ext);
        String f = "/api/users/" + ext + "/forwarding/";

        var services = self.get("/api/users/" + ext + "/services");
        assertEquals(200, services.status(), services.body());
        for (String key : List.of("forwarding", "activeProfile", "queues", "callWaiting", "transferMode")) {
            assertTrue(services.json().containsKey(key), key + " in " + services.body());
        }

        var unconditional = self.put(f + "unconditional", "{\"target\":\"070-123 45 67\"}");
        assertEquals(200, unconditional.status(), unconditional.body());
        assertEquals("DONE", unconditional.json().getString("outcome"));
        var noAnswer = self.put(f + "no-answer", "{\"target\":\"0812345678\",\"delaySeconds\":20}");
        assertEquals(200, noAnswer.status(), noAnswer.body());
        var busy = Rest.admin().put(f + "busy", "{\"target\":\"" + Rest.createUser(null) + "\"}");
        assertEquals(200, busy.status(), busy.body());

        JsonObject forwarding = self.get("/api/users/" + ext + "/services").json().getJsonObject("forwarding");
        assertEquals("+46701234567", forwarding.getJsonObject("unconditional").getString("target"));
        assertEquals("+46812345678", forwarding.getJsonObject("noAnswer").getString("target"));
        assertEquals(20, forwarding.getJsonObject("noAnswer").getInt("delaySeconds"));
        assertTrue(forwarding.getJsonObject("busy").getBoolean("active"));

        assertProblem(self.put(f + "sideways", "{\"target\":\"0701234567\"}"), 404, "NOT_FOUND");
        assertProblem(self.put(f + "busy", "{\"target\":\"0701234567\",\"delaySeconds\":20}"), 400, "VALIDATION");
        assertRefused(self.put(f + "unconditional", "{\"target\":\"" + ext + "\"}"));

        assertEquals(200, self.delete(f + "unconditional").status());
        assertEquals(200, Rest.admin().delete(f + "no-answer").status());
        assertEquals(200, self.delete(f + "busy").status());
        forwarding = self.get("/api/users/" + ext + "/services").json().getJsonObject("forwarding");
        for (String kind : List.of("unconditional", "noAnswer", "busy")) {
            assertFalse(forwarding.getJsonObject(kind).getBoolean("active"), kind + " cancelled: " + forwarding);
        }
    }

    @Test
    void profilesAreCreatedReplacedAndRemovedAndProfileOneAlwaysExists() {
        String ext = Rest.createUser(null);
        Rest self = Rest.asUser(ext);
        String p = "/api/users/" + ext + "/profiles";

        var initial = self.get(p);
        assertEquals(200, initial.status(), initial.body());
        assertEquals(1, initial.structure().asJsonArray().getJsonObject(0).getInt("number"), initial.body());
        assertEquals("RING", initial.structure().asJsonArray().getJsonObject(0).getString("handling"));

        var lunch = Located.post(ext, ext + "-rest-pw", p, "{\"number\":2,\"name\":\"Lunch\",\"handling\":\"VOICEMAIL\",\"defaultDuration\":\"PT1H\"}");
        assertEquals(201, lunch.status(), lunch.body());
        assertTrue(lunch.location().endsWith(p + "/2"), lunch.location());
        assertEquals("PT1H", lunch.json().getString("defaultDuration"));
        assertProblem(self.post(p, "{\"number\":2,\"name\":\"Again\",\"handling\":\"RING\"}"), 409, "CONFLICT");

        var meeting = Rest.admin().put(p + "/3", "{\"name\":\"Meeting\",\"handling\":\"FORWARD\",\"target\":\"0701234567\"}");
        assertEquals(201, meeting.status(), meeting.body());
        var replaced = self.put(p + "/3", "{\"number\":3,\"name\":\"Away\",\"handling\":\"BARRED\",\"referralMessage\":\"Back soon\"}");
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals("BARRED", replaced.json().getString("handling"));
        assertProblem(self.put(p + "/4", "{\"number\":5,\"name\":\"Other\",\"handling\":\"RING\"}"), 400, "VALIDATION");
        assertProblem(self.post(p, "{\"number\":6,\"name\":\"Nowhere\",\"handling\":\"FORWARD\"}"), 400, "VALIDATION");
        assertProblem(self.put(p + "/6", "{\"name\":\"Nowhere\",\"handling\":\"FORWARD\"}"), 400, "VALIDATION");

        var listed = self.get(p).structure().asJsonArray();
        assertEquals(List.of(1, 2, 3), listed.stream().map(j -> j.asJsonObject().getInt("number")).toList(), listed.toString());
        assertEquals("Away", listed.getJsonObject(2).getString("name"));

        assertEquals(204, self.delete(p + "/3").status());
        assertProblem(self.delete(p + "/3"), 404, "NOT_FOUND");
        assertProblem(self.delete(p + "/1"), 409, "CONFLICT");
        assertProblem(Rest.admin().delete(p + "/1"), 409, "CONFLICT");
        assertEquals(List.of(1, 2), self.get(p).structure().asJsonArray().stream()
                .map(j -> j.asJsonObject().getInt("number")).toList());
    }

    @Test
    void theActiveProfileIsSetWithOrWithoutUntilAndClearedBackToAvailable() {
        String ext = Rest.createUser(null);
        Rest self = Rest.asUser(ext);
        String p = "/api/users/" + ext;
        assertEquals(201, self.post(p + "/profiles", "{\"number\":2,\"name\":\"Lunch\",\"handling\":\"VOICEMAIL\",\"defaultDuration\":\"PT1H\"}").status());
        assertEquals(201, self.post(p + "/profiles", "{\"number\":3,\"name\":\"Holiday\",\"handling\":\"VOICEMAIL\"}").status());

        String until = OffsetDateTime.now(ZoneOffset.ofHours(1)).plusHours(3).withNano(0).toString();
        var withUntil = self.put(p + "/active-profile", "{\"number\":3,\"until\":\"" + until + "\"}");
        assertEquals(200, withUntil.status(), withUntil.body());
        JsonObject active = self.get(p + "/services").json().getJsonObject("activeProfile");
        assertEquals(3, active.getInt("number"), active.toString());
        assertEquals(OffsetDateTime.parse(until).toInstant(), Instant.parse(active.getString("until")));

        Instant before = Instant.now();
        var byDefault = Rest.admin().put(p + "/active-profile", "{\"number\":2}");
        assertEquals(200, byDefault.status(), byDefault.body());
        active = self.get(p + "/services").json().getJsonObject("activeProfile");
        assertEquals(2, active.getInt("number"), active.toString());
        Instant defaultUntil = Instant.parse(active.getString("until"));
        assertTrue(!defaultUntil.isBefore(before.plus(Duration.ofMinutes(59)))
                && !defaultUntil.isAfter(Instant.now().plus(Duration.ofMinutes(61))), "PT1H from now: " + active);

        var untilFurtherNotice = self.put(p + "/active-profile", "{\"number\":3}");
        assertEquals(200, untilFurtherNotice.status(), untilFurtherNotice.body());
        active = self.get(p + "/services").json().getJsonObject("activeProfile");
        assertEquals(3, active.getInt("number"));
        assertTrue(active.isNull("until"), active.toString());

        assertRefused(self.put(p + "/active-profile", "{\"number\":7}"));
        assertEquals(3, self.get(p + "/services").json().getJsonObject("activeProfile").getInt("number"));

        assertEquals(200, self.delete(p + "/active-profile").status());
        active = self.get(p + "/services").json().getJsonObject("activeProfile");
        assertEquals(1, active.getInt("number"), active.toString());
        assertTrue(active.isNull("until"), active.toString());
    }

    @Test
    void queuesAreManagedByAnAdminAndMembersLogInAndOut() {
        String anna = Rest.createUser(null);
        String bo = Rest.createUser(null);
        String outsider = Rest.createUser(null);
        String q = String.valueOf(1 + Integer.parseInt(anna) % 999_000);
        Rest admin = Rest.admin();
        admin.delete("/api/queues/" + q);

        var created = Located.post(adminUser(), adminPassword(), "/api/queues", "{\"number\":" + q + ",\"name\":\"Support\",\"members\":[\"" + anna + "\",\"" + bo + "\"]}");
        assertEquals(201, created.status(), created.body());
        assertTrue(created.location().endsWith("/api/queues/" + q), created.location());
        assertEquals(List.of(anna, bo).stream().sorted().toList(), strings(created.json().getJsonArray("members")));
        assertProblem(admin.post("/api/queues", "{\"number\":" + q + ",\"name\":\"Again\"}"), 409, "CONFLICT");
        assertEquals("Support", admin.get("/api/queues/" + q).json().getString("name"));
        assertTrue(admin.get("/api/queues").structure().asJsonArray().stream()
                .anyMatch(j -> j.asJsonObject().getInt("number") == Integer.parseInt(q)));

        var annaIn = Rest.asUser(anna).put("/api/queues/" + q + "/logins/" + anna, null);
        assertEquals(200, annaIn.status(), annaIn.body());
        assertTrue(annaIn.json().getJsonObject("state").getJsonArray("queues").getJsonObject(0).getBoolean("loggedIn"), annaIn.body());
        var boIn = admin.put("/api/queues/" + q + "/logins/" + bo, null);
        assertEquals(200, boIn.status(), boIn.body());
        assertEquals(List.of(anna, bo).stream().sorted().toList(), strings(admin.get("/api/queues/" + q).json().getJsonArray("loggedIn")));

        assertProblem(Rest.asUser(outsider).put("/api/queues/" + q + "/logins/" + outsider, null), 409, "SERVICE_NOT_ACTIVE");
        assertProblem(admin.put("/api/queues/" + q + "/logins/" + outsider, null), 409, "SERVICE_NOT_ACTIVE");
        assertProblem(admin.put("/api/queues/" + (Integer.parseInt(q) + 1) + "/logins/" + anna, null), 409, "SERVICE_NOT_ACTIVE");

        var patched = admin.patch("/api/queues/" + q, "{\"name\":\"Sales\",\"members\":[\"" + bo + "\",\"" + outsider + "\"]}");
        assertEquals(200, patched.status(), patched.body());
        assertEquals("Sales", patched.json().getString("name"));
        assertEquals(List.of(bo), strings(patched.json().getJsonArray("loggedIn")), "anna, removed, is logged out");
        assertTrue(Rest.asUser(anna).get("/api/users/" + anna + "/services").json().getJsonArray("queues").isEmpty());
        assertProblem(admin.patch("/api/queues/" + (Integer.parseInt(q) + 1), "{\"name\":\"None\"}"), 404, "NOT_FOUND");

        var boOut = Rest.asUser(bo).delete("/api/queues/" + q + "/logins/" + bo);
        assertEquals(200, boOut.status(), boOut.body());
        assertTrue(strings(admin.get("/api/queues/" + q).json().getJsonArray("loggedIn")).isEmpty());
        assertEquals(200, Rest.asUser(outsider).put("/api/queues/" + q + "/logins/" + outsider, null).status(), "now a member");
        assertEquals(200, admin.delete("/api/queues/" + q + "/logins/" + outsider).status());

        assertEquals(204, admin.delete("/api/queues/" + q).status());
        assertProblem(admin.get("/api/queues/" + q), 404, "NOT_FOUND");
        assertProblem(admin.delete("/api/queues/" + q), 404, "NOT_FOUND");
    }

    @Test
    void dialRunsTheFeatureCodeAndRefusesCodesThatNeedAPhone() {
        String ext = Rest.createUser(null);
        var done = Rest.asUser(ext).post("/api/users/" + ext + "/dial", DIAL_FORWARD);
        assertEquals(200, done.status(), done.body());
        for (String key : List.of("outcome", "service", "action", "message", "messageSv", "state")) {
            assertTrue(done.json().containsKey(key), key + " in " + done.body());
        }
        assertEquals(200, Rest.admin().post("/api/users/" + ext + "/dial", "{\"digits\":\"#21#\",\"device\":\"MOBILE\"}").status());
        var pickup = Rest.asUser(ext).post("/api/users/" + ext + "/dial", "{\"digits\":\"*31*1234#\",\"device\":\"TERMINAL\"}");
        assertProblem(pickup, 403, "NOT_ALLOWED");
        assertProblem(Rest.asUser(ext).post("/api/users/" + ext + "/dial", "{\"digits\":\"*99*9#\",\"device\":\"TERMINAL\"}"),
                400, "INVALID_CODE");
    }

    @Test
    void theAuditShowsRestChangesWithTheirActorsAndFiltersBySince() {
        String ext = Rest.createUser(null);
        assertEquals(200, Rest.asUser(ext).put("/api/users/" + ext + "/forwarding/busy", "{\"target\":\"0701234567\"}").status());
        var first = Rest.admin().get("/api/audit?extension=" + ext);
        assertEquals(200, first.status(), first.body());
        var records = first.structure().asJsonArray();
        assertTrue(records.size() >= 2, "creation and forwarding: " + first.body());
        for (JsonValue r : records) {
            assertEquals("REST", r.asJsonObject().getString("entryPoint"), r.toString());
            assertEquals(ext, r.asJsonObject().getString("extension"), r.toString());
            assertTrue(r.asJsonObject().containsKey("before") && r.asJsonObject().containsKey("after"), r.toString());
        }
        var actors = records.stream().map(r -> r.asJsonObject().getString("actor")).toList();
        assertTrue(actors.contains(ext) && actors.contains(System.getProperty("it.admin.user")), actors.toString());

        String since = records.getJsonObject(records.size() - 1).getString("at");
        Instant sinceInstant = Instant.parse(since).plusNanos(1000);
        assertEquals(200, Rest.admin().delete("/api/users/" + ext + "/forwarding/busy").status());
        var later = Rest.admin().get("/api/audit?extension=" + ext + "&since=" + sinceInstant).structure().asJsonArray();
        assertEquals(1, later.size(), later.toString());
        assertEquals(System.getProperty("it.admin.user"), later.getJsonObject(0).getString("actor"));
        assertFalse(Rest.admin().get("/api/audit").structure().asJsonArray().isEmpty());

        for (String bad : List.of("yesterday", "2026-11-24", "2026-13-01T00:00:00Z", "1700000000")) {
            var refused = Rest.admin().get("/api/audit?since=" + bad);
            assertProblem(refused, 400, "VALIDATION");
            assertTrue(refused.json().getString("detail").contains("since"), refused.body());
        }
        assertProblem(Rest.admin().get("/api/audit?extension=1"), 400, "VALIDATION");
    }

    /** A 4xx problem whatever its code (the domain chooses it). */
    private static void assertRefused(Rest.Answer answer) {
        assertTrue(answer.status() >= 400 && answer.status() < 500, answer.status() + " " + answer.body());
        assertProblem(answer, answer.status(), answer.code());
    }

    private static String adminUser() {
        return System.getProperty("it.admin.user");
    }

    private static String adminPassword() {
        return System.getProperty("it.admin.password");
    }

    private static String snapshot(Rest admin, String ext) {
        return admin.get("/api/users/" + ext).body() + admin.get("/api/users/" + ext + "/services").body()
                + admin.get("/api/users/" + ext + "/profiles").body();
    }

    private static List<String> strings(jakarta.json.JsonArray array) {
        return array.stream().map(j -> ((JsonString) j).getString()).toList();
    }

    @FunctionalInterface
    private interface Call {
        Rest.Answer on(Rest caller);
    }
}
