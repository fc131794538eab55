package se.plus.tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's REST API as the load tool needs it, as the administrator: users made and removed, resource counters. */
final class PbxAdmin {

    record User(String extension, String sipPassword) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern COUNTER = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?\\d+)");
    private static final int ATTEMPTS = 20;

    private final String base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PbxAdmin(String base, String adminCredentials) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(adminCredentials.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code count} new users with random 6-digit extensions (another one where an extension is taken), by a few threads. */
    List<User> createUsers(int count, String label, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var pending = new ArrayList<Future<User>>();
            for (int i = 0; i < count; i++) {
                int n = i;
                pending.add(pool.submit(() -> createUser(label + " " + n)));
            }
            var users = new ArrayList<User>();
            for (Future<User> user : pending) {
                users.add(user.get());
            }
            return users;
        } finally {
            pool.shutdownNow();
        }
    }

    private User createUser(String name) throws IOException, InterruptedException {
        String secret = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String extension = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
            String json = "{\"extension\":\"" + extension + "\",\"name\":\"" + name + "\",\"password\":\"rest-" + secret
                    + "\",\"sipPassword\":\"sip-" + secret + "\"}";
            var response = http.send(request("/api/users").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                return new User(extension, "sip-" + secret);
            }
            if (response.statusCode() != 409) {
                throw new IllegalStateException("POST /api/users: " + response.statusCode() + " " + response.body());
            }
        }
        throw new IllegalStateException("no free extension in " + ATTEMPTS + " tries");
    }

    /** Removes the users; how many could not be removed. */
    int deleteUsers(List<User> users, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var pending = new ArrayList<Future<Integer>>();
            for (User user : users) {
                pending.add(pool.submit(() -> http.send(request("/api/users/" + user.extension()).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            int failed = 0;
            for (Future<Integer> status : pending) {
                try {
                    failed += status.get() / 100 == 2 ? 0 : 1;
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                }
            }
            return failed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** GET /api/calls/resources: the counters by name, in the server's order. */
    Map<String, Long> resources() throws IOException, InterruptedException {
        var response = http.send(request("/api/calls/resources").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/calls/resources: " + response.statusCode());
        }
        var counters = new LinkedHashMap<String, Long>();
        Matcher matcher = COUNTER.matcher(response.body());
        while (matcher.find()) {
            counters.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return counters;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).header("Authorization", authorization);
    }
}
