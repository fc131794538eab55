package se.plus.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** A small HTTP client for the REST API of the server under test, logged in as one account. */
public final class Rest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 50_000));

    private final String authorization;

    private Rest(String user, String password) {
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static Rest admin() {
        return new Rest(System.getProperty("it.admin.user"), System.getProperty("it.admin.password"));
    }

    public static Rest as(String user, String password) {
        return new Rest(user, password);
    }

    public static Rest anonymous() {
        return new Rest(null, null);
    }

    /** An extension no other test uses on this server run: 6 digits, from a counter. */
    public static String uniqueExtension() {
        return String.valueOf(100_000 + (NEXT.getAndIncrement() % 900_000));
    }

    /** Creates a user (as admin) with REST password {@code <ext>-rest-pw} and SIP password {@code <ext>-sip-pw}. */
    public static String createUser(String extraJson) {
        String ext = uniqueExtension();
        var created = admin().post("/api/users", "{\"extension\":\"" + ext + "\",\"name\":\"User " + ext
                + "\",\"password\":\"" + ext + "-rest-pw\",\"sipPassword\":\"" + ext + "-sip-pw\""
                + (extraJson == null || extraJson.isEmpty() ? "" : "," + extraJson) + "}");
        if (created.status() != 201) {
            throw new IllegalStateException("could not create user " + ext + ": " + created);
        }
        return ext;
    }

    public static Rest asUser(String ext) {
        return as(ext, ext + "-rest-pw");
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, String json) {
        return send("POST", path, json);
    }

    public Answer put(String path, String json) {
        return send("PUT", path, json);
    }

    public Answer patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    public Answer send(String method, String path, String json) {
        var request = HttpRequest.newBuilder(PlusServer.http(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (java.io.IOException | InterruptedException failed) {
            throw new IllegalStateException(method + " " + path + " failed", failed);
        }
    }

    public record Answer(int status, String contentType, String body) {

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        public String code() {
            return json().getString("code", null);
        }
    }
}
