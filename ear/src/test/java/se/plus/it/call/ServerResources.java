package se.plus.it.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.plus.it.sip.TestUsers;

/**
 * What the server under test holds for calls ({@code GET /api/calls/resources}): calls, dialogs,
 * transactions, media sessions and RTP ports, every one 0 once no call is going on. The counts are the
 * whole server's: a test that expects 0 relies on the tests before it having ended their calls.
 */
final class ServerResources {

    private ServerResources() {
    }

    /** The counts now, by name. */
    static Map<String, Integer> now() throws Exception {
        HttpResponse<String> response = TestUsers.get("/api/calls/resources");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Integer> counts = new TreeMap<>();
        Matcher m = Pattern.compile("\"(\\w+)\":(\\d+)").matcher(response.body());
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertTrue(counts.containsKey("sipDialogs") && counts.containsKey("mediaPorts"), response.body());
        return counts;
    }

    /**
     * Polls until every count is 0 (a UDP transaction lingers up to 32 s by RFC 3261), or the time is
     * up; the last counts either way.
     */
    static Map<String, Integer> awaitAllZero(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        Map<String, Integer> counts;
        do {
            counts = now();
            if (counts.values().stream().allMatch(c -> c == 0)) {
                return counts;
            }
            // The server cannot tell us when its linger timers fire: re-asked every second until the deadline.
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
        } while (System.nanoTime() < deadline);
        return counts;
    }
}
