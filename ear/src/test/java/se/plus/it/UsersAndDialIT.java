package se.plus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The application core through the REST entry point, on the real database of the deployed EAR. */
@ExtendWith(ArquillianExtension.class)
class UsersAndDialIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void vidarekopplingDirektStarStar21IsStoredAndShownInTheServices() {
        String ext = Rest.createUser(null);

        var dialled = Rest.asUser(ext).post("/api/users/" + ext + "/dial", "{\"digits\":\"*21*0701234567#\",\"device\":\"TERMINAL\"}");

        assertEquals(200, dialled.status(), dialled.body());
        JsonObject body = dialled.json();
        assertEquals("DONE", body.getString("outcome"));
        assertEquals("+46701234567", body.getJsonObject("state").getJsonObject("forwarding")
                .getJsonObject("unconditional").getString("target"));
        var services = Rest.asUser(ext).get("/api/users/" + ext + "/services").json();
        assertEquals("+46701234567", services.getJsonObject("forwarding").getJsonObject("unconditional").getString("target"));
    }

    @Test
    void aRefusedCodeIsProblemJsonWithItsOutcomeCodeAndChangesNothing() {
        String ext = Rest.createUser(null);

        var refused = Rest.asUser(ext).post("/api/users/" + ext + "/dial", "{\"digits\":\"*75*4711#\",\"device\":\"TERMINAL\"}");

        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertEquals("SERVICE_NOT_ACTIVE", refused.code());
        assertEquals("Tjänsten är inte aktiv", refused.json().getString("messageSv"));
    }

    @Test
    void aUserTouchingAnotherUsersExtensionGets403AndNothingChanges() {
        String mallory = Rest.createUser(null);
        String victim = Rest.createUser(null);

        var attempt = Rest.asUser(mallory).post("/api/users/" + victim + "/dial",
                "{\"digits\":\"*21*0701234567#\",\"device\":\"TERMINAL\"}");

        assertEquals(403, attempt.status(), attempt.body());
        var services = Rest.admin().get("/api/users/" + victim + "/services").json();
        assertEquals(false, services.getJsonObject("forwarding").getJsonObject("unconditional").getBoolean("active"));
    }

    @Test
    void anUnknownExtensionIs404ForAnAdminAnd403ForAUser() {
        String user = Rest.createUser(null);
        assertEquals(404, Rest.admin().get("/api/users/99").status());
        assertEquals(403, Rest.asUser(user).get("/api/users/99").status());
    }

    @Test
    void wrongPasswordIs401InProblemJson() {
        String user = Rest.createUser(null);
        var answer = Rest.as(user, "wrong-password").get("/api/users/" + user);
        assertEquals(401, answer.status());
        assertEquals("UNAUTHORIZED", answer.code());
    }

    @Test
    void twoConcurrentChangesToOneUserAreBothKeptNoneLost() throws Exception {
        String ext = Rest.createUser(null);
        var admin = Rest.admin();
        // Each thread changes a different part of the same user's state; a lost update would erase one.
        var pool = Executors.newFixedThreadPool(2);
        try {
            var tasks = new ArrayList<Callable<Integer>>();
            for (int round = 0; round < 10; round++) {
                int r = round;
                tasks.add(() -> admin.post("/api/users/" + ext + "/dial",
                        "{\"digits\":\"*21*07012345" + String.format("%02d", r) + "#\",\"device\":\"TERMINAL\"}").status());
                tasks.add(() -> admin.post("/api/users/" + ext + "/dial",
                        "{\"digits\":\"" + (r % 2 == 0 ? "#43#" : "*43#") + "\",\"device\":\"TERMINAL\"}").status());
            }
            for (var result : pool.invokeAll(tasks)) {
                int status = result.get();
                assertTrue(status == 200 || status == 409, "status " + status);
            }
        } finally {
            pool.shutdown();
        }
        // A final pair of changes, one after the other, must both be visible.
        assertEquals(200, admin.post("/api/users/" + ext + "/dial", "{\"digits\":\"*21*0701234599#\",\"device\":\"TERMINAL\"}").status());
        assertEquals(200, admin.post("/api/users/" + ext + "/dial", "{\"digits\":\"#43#\",\"device\":\"TERMINAL\"}").status());
        var services = admin.get("/api/users/" + ext + "/services").json();
        assertEquals("+46701234599", services.getJsonObject("forwarding").getJsonObject("unconditional").getString("target"));
        assertEquals(false, services.getBoolean("callWaiting"));
        // The audit trail is the proof: each change starts from the state the previous one left.
        var audit = admin.get("/api/audit?extension=" + ext);
        assertEquals(200, audit.status(), audit.body());
        var records = audit.structure().asJsonArray().getValuesAs(JsonObject.class);
        assertTrue(records.size() >= 3, audit.body());
        for (int i = 1; i < records.size(); i++) {
            assertEquals(records.get(i - 1).getString("after"), records.get(i).getString("before"),
                    "lost update between audit records " + (i - 1) + " and " + i);
        }
    }
}
