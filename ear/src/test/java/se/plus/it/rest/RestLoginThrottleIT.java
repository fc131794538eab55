package se.plus.it.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.plus.it.PlusServer;
import se.plus.it.Rest;

/**
 * Password guessing over REST, as the issue measured it (8 kept-alive connections, HTTP Basic, a real
 * user, a wrong password), from an address of its own. The IT server allows 30 failures a minute per address
 * and per account (arquillian.xml; the product default is 10 and 20) so other tests' deliberate
 * 401s never add up to a block of 127.0.0.1.
 */
@ExtendWith(ArquillianExtension.class)
class RestLoginThrottleIT {

    private static final int LIMIT = 30;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return PlusServer.ear();
    }

    @Test
    void guessingIsRefused429WithoutHashingLeavesTheServerIdleAndTheOwnerAtTheirOwnAddressFast() throws Exception {
        String ext = Rest.createUser("");
        String path = "/api/users/" + ext;
        InetAddress guesser = address(5);
        InetAddress owner = address(6);
        assertEquals(200, status(owner, path, ext, ext + "-rest-pw"), "the owner logs in from their address first");
        List<Long> ownerQuiet = ownerMillis(owner, path, ext);

        var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
        var retryAfter = Collections.synchronizedList(new ArrayList<String>());
        var blockHolds = new CountDownLatch(1);
        var measured = new CountDownLatch(1);
        var refusedTarget = new AtomicInteger(Integer.MAX_VALUE);
        var done = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService connections = Executors.newFixedThreadPool(8);
        List<Future<?>> guessing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            guessing.add(connections.submit(() -> {
                var connection = new KeptConnection(guesser);
                while (!done.get()) {
                    String[] answer = connection.get(path, ext, "guess-" + System.nanoTime());
                    int status = Integer.parseInt(answer[0]);
                    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    if (status == 429) {
                        retryAfter.add(answer[1]);
                        int refused = statuses.get(429).get();
                        if (refused >= 16) {
                            blockHolds.countDown();
                        }
                        if (refused >= refusedTarget.get()) {
                            measured.countDown();
                        }
                    }
                }
                connection.close();
                return null;
            }));
        }
        List<Long> ownerMillis;
        long cpuMillis;
        long wallMillis;
        int wrongBefore;
        int refusedBefore;
        try {
            // Each of the first guesses costs a hash, which on a busy machine takes a while.
            assertTrue(blockHolds.await(60, TimeUnit.SECONDS), "no block within 60 s of guessing: " + statuses);
            // Blocked: the guessing goes on while the server's CPU and the owner are measured.
            wrongBefore = count(statuses, 401);
            refusedBefore = count(statuses, 429);
            long cpuBefore = ServerCpu.millis();
            long wallBefore = System.nanoTime();
            ownerMillis = ownerMillis(owner, path, ext);
            assertEquals(200, Rest.admin().get("/api/users/" + ext).status(), "another account from another address is not affected");
            // About 10 s of guessing: 80 more refusals at one a second on each of the 8 connections.
            refusedTarget.set(refusedBefore + 80);
            assertTrue(measured.await(40, TimeUnit.SECONDS), "the guessing went on while measured: " + statuses);
            cpuMillis = ServerCpu.millis() - cpuBefore;
            wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - wallBefore);
        } finally {
            done.set(true);
        }
        for (Future<?> connection : guessing) {
            connection.get();
        }
        connections.shutdown();
        int refusedWhileMeasured = count(statuses, 429) - refusedBefore;
        System.out.printf("guessing: %s; while blocked, %d refusals in %d ms cost the server %d ms CPU (%.0f%% of one core);"
                + " the owner's requests %s ms (without guessing %s ms)%n", statuses, refusedWhileMeasured, wallMillis,
                cpuMillis, 100.0 * cpuMillis / Math.max(1, wallMillis), ownerMillis, ownerQuiet);

        assertTrue(count(statuses, 401) <= LIMIT + 8, "at most the limit (and the requests already in flight) hashed: " + statuses);
        assertEquals(wrongBefore, count(statuses, 401), "once blocked, no guess is checked: " + statuses);
        assertTrue(retryAfter.stream().allMatch(s -> s.matches("\\d+") && Integer.parseInt(s) > 0), "Retry-After: " + retryAfter);
        // The bar: the guessing leaves the server's CPU mostly idle (a refusal is answered after a
        // second, cheaply: 8 connections send 8 guesses a second) and the owner's request under 50 ms.
        assertTrue(cpuMillis < wallMillis / 4, "server CPU while guessing: " + cpuMillis + " ms in " + wallMillis + " ms");
        assertTrue(ownerMillis.get(ownerMillis.size() / 2) < 50, "the owner's requests (median under 50 ms): " + ownerMillis);
        assertEquals(429, status(address(7), path, ext, ext + "-rest-pw"),
                "the guessed account is closed to an address that never logged into it");
    }

    private static int count(ConcurrentHashMap<Integer, AtomicInteger> statuses, int status) {
        return statuses.getOrDefault(status, new AtomicInteger()).get();
    }

    /** 127.N.k.1: an address of this build's own (N from the port offset), one per role in the test. */
    private static InetAddress address(int k) throws IOException {
        int builder = 1 + (PlusServer.portOffset() / 100) % 250;
        return InetAddress.getByAddress(new byte[] {127, (byte) builder, (byte) k, 1});
    }

    /** Nine requests of the owner over new connections, sorted times in milliseconds. */
    private static List<Long> ownerMillis(InetAddress owner, String path, String ext) throws IOException {
        var millis = new ArrayList<Long>();
        for (int i = 0; i < 9; i++) {
            long start = System.nanoTime();
            assertEquals(200, status(owner, path, ext, ext + "-rest-pw"), "the owner");
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        Collections.sort(millis);
        return millis;
    }

    /** One request over a new connection, as a client that has not been guessing would make it. */
    private static int status(InetAddress from, String path, String user, String password) throws IOException {
        var connection = new KeptConnection(from);
        try {
            return Integer.parseInt(connection.get(path, user, password)[0]);
        } finally {
            connection.close();
        }
    }

    /** An HTTP/1.1 connection kept open between requests, as a client sending guesses would keep it. */
    private static final class KeptConnection {
        private final InetAddress from;
        private Socket socket;

        KeptConnection(InetAddress from) {
            this.from = from;
        }

        String[] get(String path, String user, String password) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.bind(new InetSocketAddress(from, 0));
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080 + PlusServer.portOffset()), 5000);
                socket.setSoTimeout(10_000);
            }
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + basic
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            var head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after " + head);
                }
                head.append((char) b);
            }
            String headers = head.toString();
            var length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(headers);
            if (length.find()) {
                in.readNBytes(Integer.parseInt(length.group(1)));
            } else if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
                readChunks(in);
            }
            if (headers.toLowerCase().contains("connection: close")) {
                close();
            }
            String retry = headers.lines().filter(l -> l.regionMatches(true, 0, "Retry-After:", 0, 12))
                    .map(l -> l.substring(12).strip()).findFirst().orElse("");
            return new String[] {headers.substring(9, 12), retry};
        }

        private static void readChunks(InputStream in) throws IOException {
            while (true) {
                var size = new StringBuilder();
                for (int b = in.read(); b != '\n'; b = in.read()) {
                    if (b < 0) {
                        throw new IOException("closed in a chunk");
                    }
                    size.append((char) b);
                }
                int bytes = Integer.parseInt(size.toString().strip().split(";")[0], 16);
                in.readNBytes(bytes + 2);
                if (bytes == 0) {
                    return;
                }
            }
        }

        void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }
}
