package se.plus.adapters.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** Turns a command message into a call of the application and its outcome into the reply JSON. */
@ApplicationScoped
class CommandTranslator {

    String handle(String body) {
        if (body == null || body.isBlank()) {
            return error("VALIDATION", "a command is a text message with a JSON object");
        }
        JsonObject command;
        try (var reader = Json.createReader(new StringReader(body))) {
            command = reader.readObject();
        } catch (JsonException | IllegalStateException malformed) {
            return error("VALIDATION", "the message is not a JSON object: " + malformed.getMessage());
        }
        // Executing commands arrives with the application core (issue 6); until then every command
        // is refused explicitly rather than silently accepted.
        return error("NOT_ALLOWED", "command execution over JMS is not available yet; received " + command.keySet());
    }

    private static String error(String code, String detail) {
        return Json.createObjectBuilder()
                .add("outcome", "REFUSED")
                .add("code", code)
                .add("detail", detail)
                .build()
                .toString();
    }
}
