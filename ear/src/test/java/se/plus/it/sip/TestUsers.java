package se.plus.it.sip;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import se.plus.it.PlusServer;

/**
 * Users with SIP passwords, created through REST as the first administrator. Every test takes fresh
 * extensions: all IT classes share one server and one database, which outlives a test run.
 */
public final class TestUsers {

    public record SipUser(String extension, String sipPassword) {

        /** The injection-file field SIPp turns into an Authorization header. */
        String authentication() {
            return "[authentication username=" + extension + " password=" + sipPassword + "]";
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestUsers() {
    }

    public static SipUser create(String name) throws Exception {
        return create(name, "");
    }

    /** {@code moreFields}: further JSON members of the new user, e.g. {@code ,"fixedNumber":"0812345678"}. */
    public static SipUser create(String name, String moreFields) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            String extension = String.valueOf(ThreadLocalRandom.current().nextInt(200_000, 999_999));
            String sipPassword = "sip-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            HttpResponse<String> response = post("/api/users", "{\"extension\":\"" + extension + "\",\"name\":\"" + name
                    + "\",\"password\":\"rest-" + sipPassword + "\",\"sipPassword\":\"" + sipPassword + "\"" + moreFields + "}");
            if (response.statusCode() == 201) {
                return new SipUser(extension, sipPassword);
            }
            if (response.statusCode() != 409) {
                throw new IllegalStateException("POST /api/users: " + response.statusCode() + " " + response.body());
            }
        }
        throw new IllegalStateException("no free extension found");
    }

    /** A REST dial, as admin: used to put a user in a known state before a SIP code. */
    public static HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(PlusServer.http(path))
                        .header("Authorization", basicAdmin())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any REST request as admin: a PUT of a forwarding, a profile to activate. */
    public static HttpResponse<String> send(String method, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(PlusServer.http(path))
                        .header("Authorization", basicAdmin())
                        .header("Content-Type", "application/json")
                        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(PlusServer.http(path)).header("Authorization", basicAdmin()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basicAdmin() {
        String pair = System.getProperty("it.admin.user") + ":" + System.getProperty("it.admin.password");
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

}
