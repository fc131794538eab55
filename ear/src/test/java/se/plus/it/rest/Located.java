package se.plus.it.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import se.plus.it.PlusServer;

/** Requests the shared {@code Rest} client cannot make: reading {@code Location}, choosing the content type. */
record Located(int status, String location, String body) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Located post(String user, String password, String path, String json) {
        var request = HttpRequest.newBuilder(PlusServer.http(path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .build();
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Located(response.statusCode(), response.headers().firstValue("Location").orElse(""), response.body());
        } catch (java.io.IOException | InterruptedException failed) {
            throw new IllegalStateException("POST " + path + " failed", failed);
        }
    }

    /** Any request with the given content type (the shared client always sends application/json). */
    static se.plus.it.Rest.Answer send(String user, String password, String method, String path, String contentType, String body) {
        var request = HttpRequest.newBuilder(PlusServer.http(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new se.plus.it.Rest.Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (java.io.IOException | InterruptedException failed) {
            throw new IllegalStateException(method + " " + path + " failed", failed);
        }
    }

    JsonObject json() {
        try (var reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }
}
