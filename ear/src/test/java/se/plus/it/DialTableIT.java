package se.plus.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dial strings of both dialects through {@code POST /api/users/{ext}/dial}, each row checked against the
 * {@code services} state it leaves (or the refusal it gets). The rows run in order on one user, so each
 * starts from the state the previous one left, as a person keying codes one after another would.
 */
@ExtendWith(ArquillianExtension.class)
class DialTableIT {

    /** digits, device, expected HTTP status, expected outcome code (or DONE), then a check of the state. */
    private record Row(String digits, String device, Integer status, String code, String path, String expected) {
    }

    private static final List<Row> ROWS = List.of(
            // Forwarding, terminal forms (FAQ: *21*<nummer># ... #21#)
            new Row("*21*0701234567#", "TERMINAL", 200, "DONE", "forwarding.unconditional.target", "+46701234567"),
            new Row("*#21#", "TERMINAL", 200, "DONE", "forwarding.unconditional.target", "+46701234567"),
            new Row("#21#", "TERMINAL", 200, "DONE", "forwarding.unconditional.active", "false"),
            new Row("*61*0812345678#", "TERMINAL", 200, "DONE", "forwarding.noAnswer.target", "+46812345678"),
            new Row("#61#", "TERMINAL", 200, "DONE", "forwarding.noAnswer.active", "false"),
            new Row("*67*0701112233#", "TERMINAL", 200, "DONE", "forwarding.busy.target", "+46701112233"),
            new Row("#67#", "TERMINAL", 200, "DONE", "forwarding.busy.active", "false"),
            new Row("%2321%23", "TERMINAL", 200, "DONE", "forwarding.unconditional.active", "false"),
            new Row("*21*0701234567%23", "TERMINAL", 200, "DONE", "forwarding.unconditional.target", "+46701234567"),
            new Row("%2321%23", "TERMINAL", 200, "DONE", "forwarding.unconditional.active", "false"),
            // Forwarding, mobile forms (FAQ: *21*<nummer> ... #21), and the tolerated trailing #
            new Row("*21*0701234567", "MOBILE", 200, "DONE", "forwarding.unconditional.target", "+46701234567"),
            new Row("#21", "MOBILE", 200, "DONE", "forwarding.unconditional.active", "false"),
            new Row("*21*0701234567#", "MOBILE", 200, "DONE", "forwarding.unconditional.target", "+46701234567"),
            new Row("#21#", "MOBILE", 200, "DONE", "forwarding.unconditional.active", "false"),
            new Row("*61*0701234567#", "MOBILE", 200, "DONE", "forwarding.noAnswer.target", "+46701234567"),
            new Row("#61", "MOBILE", 200, "DONE", "forwarding.noAnswer.active", "false"),
            new Row("*67*0701234567", "MOBILE", 200, "DONE", "forwarding.busy.target", "+46701234567"),
            new Row("#67", "MOBILE", 200, "DONE", "forwarding.busy.active", "false"),
            // Forwarding refused: to oneself, malformed
            new Row("*21*%s#", "TERMINAL", null, "SELF", "forwarding.unconditional.active", "false"),
            new Row("*21*#", "TERMINAL", 400, "INVALID_CODE", "forwarding.unconditional.active", "false"),
            new Row("*21*0701234567", "TERMINAL", 400, "INVALID_CODE", "forwarding.unconditional.active", "false"),
            new Row("*99#", "TERMINAL", 400, "INVALID_CODE", "forwarding.unconditional.active", "false"),
            new Row("hello", "TERMINAL", 400, "INVALID_CODE", "forwarding.unconditional.active", "false"),
            // Profiles (FAQ: *24*<profilnr>[*tid]#, #24#)
            new Row("*24*2#", "TERMINAL", 200, "DONE", "activeProfile.number", "2"),
            new Row("#24#", "TERMINAL", 200, "DONE", "activeProfile.number", "1"),
            new Row("*24*2*1#", "TERMINAL", 200, "DONE", "activeProfile.number", "2"),
            new Row("*24*2*0#", "TERMINAL", 200, "DONE", "activeProfile.until", "null"),
            new Row("*24*2*02#", "TERMINAL", 200, "DONE", "activeProfile.number", "2"),
            new Row("*24*2*090#", "TERMINAL", 200, "DONE", "activeProfile.number", "2"),
            // %next = 31 December next year (YYMMDD), %last = a year ago: until 00:00 Stockholm time
            new Row("*24*2*%next#", "TERMINAL", 200, "DONE", "activeProfile.until", "%nextUntil"),
            new Row("*24*2*%last#", "TERMINAL", 400, "INVALID_TIME", "activeProfile.until", "%nextUntil"),
            new Row("*24*2*12345#", "TERMINAL", 400, "INVALID_TIME", "activeProfile.number", "2"),
            new Row("*24*2*00#", "TERMINAL", 400, "INVALID_TIME", "activeProfile.number", "2"),
            new Row("*24*2*2460#", "TERMINAL", 400, "INVALID_TIME", "activeProfile.number", "2"),
            new Row("*24*9#", "TERMINAL", 422, "UNKNOWN_NUMBER", "activeProfile.number", "2"),
            new Row("#24", "MOBILE", 200, "DONE", "activeProfile.number", "1"),
            new Row("*24*2", "MOBILE", 200, "DONE", "activeProfile.number", "2"),
            new Row("*24*2*1300", "MOBILE", 200, "DONE", "activeProfile.number", "2"),
            new Row("#24#", "TERMINAL", 200, "DONE", "activeProfile.number", "1"),
            // Queues (FAQ: *75*<könummer># / #75*<könummer>#; non-member: "Tjänsten är inte aktiv")
            new Row("*75*%q#", "TERMINAL", 200, "DONE", "queues.0.loggedIn", "true"),
            new Row("*75*%q#", "TERMINAL", 200, "DONE", "queues.0.loggedIn", "true"),
            new Row("#75*%q#", "TERMINAL", 200, "DONE", "queues.0.loggedIn", "false"),
            new Row("#75*%q#", "TERMINAL", 200, "DONE", "queues.0.loggedIn", "false"),
            new Row("*75*%q", "MOBILE", 200, "DONE", "queues.0.loggedIn", "true"),
            new Row("#75*%q", "MOBILE", 200, "DONE", "queues.0.loggedIn", "false"),
            new Row("*75*999998#", "TERMINAL", 409, "SERVICE_NOT_ACTIVE", "queues.0.loggedIn", "false"),
            // Call waiting (3GPP forms)
            new Row("#43#", "TERMINAL", 200, "DONE", "callWaiting", "false"),
            new Row("*#43#", "TERMINAL", 200, "DONE", "callWaiting", "false"),
            new Row("*43#", "TERMINAL", 200, "DONE", "callWaiting", "true"),
            // Codes that act on a call need a phone (contract.md)
            new Row("*80*1002", "TERMINAL", 403, "NOT_ALLOWED", "callWaiting", "true"),
            new Row("*31*0701234567", "MOBILE", 403, "NOT_ALLOWED", "callWaiting", "true"),
            new Row("*60*1002#", "TERMINAL", 403, "NOT_ALLOWED", "callWaiting", "true"),
            new Row("*59*1002#", "TERMINAL", 403, "NOT_ALLOWED", "callWaiting", "true"));

    private static String ext;
    private static int queue;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @BeforeAll
    static void userWithLunchAndAQueue() {
        ext = Rest.createUser(null);
        Rest.admin().post("/api/users/" + ext + "/profiles",
                "{\"number\":2,\"name\":\"Lunch\",\"handling\":\"VOICEMAIL\",\"defaultDuration\":\"PT1H\"}");
        queue = 100_000 + Integer.parseInt(ext) % 800_000;
        var created = Rest.admin().post("/api/queues", "{\"number\":" + queue + ",\"name\":\"Växel\",\"members\":[\"" + ext + "\"]}");
        assertEquals(201, created.status(), created.body());
    }

    @Test
    void everyRowOfTheTableEndsAsItSays() {
        assertEquals(true, ROWS.size() >= 40, "at least 40 dial strings");
        var user = Rest.asUser(ext);
        for (Row row : ROWS) {
            int year = java.time.Year.now(java.time.ZoneId.of("Europe/Stockholm")).getValue();
            String digits = row.digits().replace("%s", ext).replace("%q", String.valueOf(queue))
                    .replace("%next", String.format("%02d1231", (year + 1) % 100))
                    .replace("%last", String.format("%02d1231", (year - 1) % 100));
            String expected = row.expected().replace("%nextUntil", (year + 1) + "-12-30T23:00:00Z");
            var answer = user.post("/api/users/" + ext + "/dial",
                    "{\"digits\":\"" + digits + "\",\"device\":\"" + row.device() + "\"}");
            String what = row.device() + " " + digits + " -> " + answer.body();
            if ("SELF".equals(row.code())) {
                assertEquals(true, answer.status() >= 400 && answer.status() < 500, what);
            } else {
                assertEquals(row.status(), answer.status(), what);
                assertEquals(row.code(), answer.status() == 200 ? answer.json().getString("outcome") : answer.code(), what);
            }
            JsonObject services = user.get("/api/users/" + ext + "/services").json();
            assertEquals(expected, at(services, row.path()), what);
        }
    }

    private static String at(JsonValue json, String path) {
        JsonValue value = json;
        for (String step : path.split("\\.")) {
            value = value.getValueType() == JsonValue.ValueType.ARRAY
                    ? value.asJsonArray().get(Integer.parseInt(step)) : value.asJsonObject().get(step);
        }
        return value.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) value).getString() : value.toString();
    }
}
