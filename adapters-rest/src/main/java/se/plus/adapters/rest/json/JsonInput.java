package se.plus.adapters.rest.json;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import se.plus.adapters.rest.problem.Problem;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;

/**
 * A request body read strictly: one JSON object of at most {@value #MAX_BYTES} bytes (UTF-8), only the
 * fields the endpoint knows, each of the right type. Anything else is 400 VALIDATION saying what.
 */
public final class JsonInput {

    public static final int MAX_BYTES = 16 * 1024;

    private final JsonObject json;

    private JsonInput(JsonObject json) {
        this.json = json;
    }

    public static JsonInput read(String body, Set<String> known, Set<String> required) {
        if (body == null || body.isBlank()) {
            throw Problem.validation("a JSON object is required");
        }
        // Characters first (cheap), then UTF-8 bytes: 6000 '€' are 6000 characters but 18000 bytes.
        if (body.length() > MAX_BYTES || body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw Problem.validation("the body is larger than " + MAX_BYTES + " bytes");
        }
        JsonObject object;
        // A parser rather than a reader: JsonReader stops after the first value and ignores what follows.
        try (JsonParser parser = Jsons.parser(new StringReader(body))) {
            if (!parser.hasNext()) {
                throw Problem.validation("a JSON object is required");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw Problem.validation("the body must be a JSON object");
            }
            if (parser.hasNext()) {
                throw Problem.validation("malformed JSON: more content after the object");
            }
            object = value.asJsonObject();
        } catch (JsonParsingException malformed) {
            throw Problem.validation("malformed JSON at " + malformed.getLocation().getLineNumber() + ":"
                    + malformed.getLocation().getColumnNumber() + ": " + malformed.getMessage());
        } catch (jakarta.json.JsonException malformed) {
            throw Problem.validation("malformed JSON: " + malformed.getMessage());
        }
        var unknown = new TreeSet<>(object.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw Problem.validation("unknown fields " + unknown + "; known are " + new TreeSet<>(known));
        }
        for (String field : required) {
            if (!object.containsKey(field) || object.isNull(field)) {
                throw Problem.validation("'" + field + "' is required");
            }
        }
        return new JsonInput(object);
    }

    public boolean has(String field) {
        return json.containsKey(field);
    }

    public boolean isNull(String field) {
        return json.containsKey(field) && json.isNull(field);
    }

    public Optional<String> string(String field) {
        if (!json.containsKey(field) || json.isNull(field)) {
            return Optional.empty();
        }
        if (!(json.get(field) instanceof JsonString)) {
            throw Problem.validation("'" + field + "' must be a string");
        }
        return Optional.of(json.getString(field));
    }

    public String requiredString(String field) {
        return string(field).orElseThrow(() -> Problem.validation("'" + field + "' is required"));
    }

    public Optional<Integer> integer(String field) {
        if (!json.containsKey(field) || json.isNull(field)) {
            return Optional.empty();
        }
        JsonValue value = json.get(field);
        if (!(value instanceof JsonNumber) || !((JsonNumber) value).isIntegral()) {
            throw Problem.validation("'" + field + "' must be an integer");
        }
        try {
            return Optional.of(((JsonNumber) value).intValueExact());
        } catch (ArithmeticException tooLarge) {
            throw Problem.validation("'" + field + "' is out of range");
        }
    }

    public Optional<Boolean> bool(String field) {
        if (!json.containsKey(field) || json.isNull(field)) {
            return Optional.empty();
        }
        JsonValue value = json.get(field);
        if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
            throw Problem.validation("'" + field + "' must be true or false");
        }
        return Optional.of(value == JsonValue.TRUE);
    }

    public <E extends Enum<E>> Optional<E> enumValue(String field, Class<E> type) {
        return string(field).map(text -> {
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException unknown) {
                throw Problem.validation("'" + field + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        });
    }

    public Optional<PhoneNumber> phoneNumber(String field) {
        return string(field).map(text -> number(field, text));
    }

    public java.util.List<JsonValue> array(String field) {
        if (!json.containsKey(field) || json.isNull(field)) {
            return java.util.List.of();
        }
        if (json.get(field).getValueType() != JsonValue.ValueType.ARRAY) {
            throw Problem.validation("'" + field + "' must be an array");
        }
        return json.getJsonArray(field);
    }

    public static PhoneNumber number(String field, String text) {
        return PhoneNumber.parse(text).orElseThrow(() -> Problem.validation("'" + field + "': '" + abbreviate(text)
                + "' is not a phone number or an extension (2–6 digits)"));
    }

    public static Extension extension(String text) {
        if (text == null || !text.matches("[0-9]{2,6}")) {
            throw Problem.validation("an extension is 2–6 digits: '" + abbreviate(text) + "'");
        }
        return Extension.of(text);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
