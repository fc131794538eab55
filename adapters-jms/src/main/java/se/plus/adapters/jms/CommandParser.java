package se.plus.adapters.jms;

import static se.plus.adapters.jms.JsonP.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import se.plus.adapters.jms.JmsCommand.ActivateProfile;
import se.plus.adapters.jms.JmsCommand.CallWaiting;
import se.plus.adapters.jms.JmsCommand.CancelForwarding;
import se.plus.adapters.jms.JmsCommand.DeactivateProfile;
import se.plus.adapters.jms.JmsCommand.Dial;
import se.plus.adapters.jms.JmsCommand.Forward;
import se.plus.adapters.jms.JmsCommand.GetServices;
import se.plus.adapters.jms.JmsCommand.PickUpCall;
import se.plus.adapters.jms.JmsCommand.PlaceCall;
import se.plus.adapters.jms.JmsCommand.TransferCall;
import se.plus.adapters.jms.JmsCommand.QueueLogIn;
import se.plus.adapters.jms.JmsCommand.QueueLogOut;
import se.plus.domain.dialstring.Dialect;
import se.plus.domain.number.Extension;
import se.plus.domain.number.PhoneNumber;
import se.plus.domain.user.TransferMode;
import se.plus.domain.queue.Queue;
import se.plus.domain.user.ForwardingKind;
import se.plus.domain.user.Profile;

/**
 * Reads the JSON of a command message. Strict: unknown fields, missing fields and wrong types are
 * errors, so that an integrator's typo is answered rather than half-understood.
 */
final class CommandParser {

    /** Far beyond any valid command; a bigger body is not even parsed. */
    static final int MAX_BODY = 8192;

    private CommandParser() {
    }

    static JmsCommand parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadCommandException("a command is a text message with a JSON object");
        }
        if (body.length() > MAX_BODY) {
            throw new BadCommandException("a command is at most " + MAX_BODY + " characters");
        }
        JsonObject json;
        // A parser rather than a reader: JsonReader stops after the first value and ignores what
        // follows, so "{}{}" would pass (REST refuses it the same way, JsonInput).
        try (var parser = JSON.createParser(new StringReader(body))) {
            if (!parser.hasNext()) {
                throw new BadCommandException("a command is a text message with a JSON object");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BadCommandException("a command is a JSON object, not " + value.getValueType());
            }
            if (parser.hasNext()) {
                throw new BadCommandException("the message is not JSON: more content after the object");
            }
            json = value.asJsonObject();
        } catch (JsonParsingException | IllegalStateException malformed) {
            throw new BadCommandException("the message is not JSON: " + malformed.getMessage());
        } catch (JsonException malformed) {
            throw new BadCommandException("the message is not JSON: " + malformed.getMessage());
        }
        Fields in = new Fields(json);
        if (json.containsKey("digits") || !json.containsKey("command")) {
            in.only("extension", "digits", "device");
            return new Dial(in.extension(), in.string("digits"), in.enumValue("device", Dialect.class));
        }
        String command = in.string("command");
        switch (command) {
            case "FORWARD":
                in.only("extension", "command", "kind", "target", "delaySeconds");
                ForwardingKind kind = in.enumValue("kind", ForwardingKind.class);
                Optional<Integer> delay = in.optionalInt("delaySeconds");
                if (delay.isPresent() && kind != ForwardingKind.NO_ANSWER) {
                    throw new BadCommandException("'delaySeconds' belongs to the NO_ANSWER forwarding only");
                }
                return new Forward(in.extension(), kind, in.number("target"), delay);
            case "CANCEL_FORWARDING":
                in.only("extension", "command", "kind");
                return new CancelForwarding(in.extension(), in.enumValue("kind", ForwardingKind.class));
            case "ACTIVATE_PROFILE":
                in.only("extension", "command", "profile", "until");
                return new ActivateProfile(in.extension(), in.intIn("profile", 1, Profile.MAX_NUMBER), in.optionalInstant("until"));
            case "DEACTIVATE_PROFILE":
                in.only("extension", "command");
                return new DeactivateProfile(in.extension());
            case "QUEUE_LOG_IN":
                in.only("extension", "command", "queue");
                return new QueueLogIn(in.extension(), in.intIn("queue", 1, Queue.MAX_NUMBER));
            case "QUEUE_LOG_OUT":
                in.only("extension", "command", "queue");
                return new QueueLogOut(in.extension(), in.intIn("queue", 1, Queue.MAX_NUMBER));
            case "CALL_WAITING":
                in.only("extension", "command", "on");
                return new CallWaiting(in.extension(), in.bool("on"));
            case "CALL":
                in.only("extension", "command", "to");
                return new PlaceCall(in.extension(), in.number("to"));
            case "TRANSFER":
                in.only("extension", "command", "callId", "to", "mode");
                return new TransferCall(in.extension(), in.callId(), in.number("to"),
                        in.present("mode").isPresent() ? Optional.of(in.enumValue("mode", TransferMode.class)) : Optional.empty());
            case "PICKUP":
                in.only("extension", "command", "callId");
                return new PickUpCall(in.extension(), in.callId());
            case "GET_SERVICES":
                in.only("extension", "command");
                return new GetServices(in.extension());
            default:
                throw new BadCommandException("unknown command '" + abbreviate(command) + "'; the commands are FORWARD,"
                        + " CANCEL_FORWARDING, ACTIVATE_PROFILE, DEACTIVATE_PROFILE, QUEUE_LOG_IN, QUEUE_LOG_OUT,"
                        + " CALL_WAITING, CALL, TRANSFER, PICKUP, GET_SERVICES (or {extension, digits, device} for a dial string)");
        }
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** The fields of one command object, each read with its type checked. */
    private record Fields(JsonObject json) {

        void only(String... allowed) {
            Set<String> unknown = new HashSet<>(json.keySet());
            Arrays.asList(allowed).forEach(unknown::remove);
            if (!unknown.isEmpty()) {
                throw new BadCommandException("unknown field(s) " + unknown.stream().sorted().map(CommandParser::abbreviate)
                        .collect(Collectors.joining(", ")) + "; this command has " + String.join(", ", allowed));
            }
        }

        Extension extension() {
            String text = string("extension");
            if (!text.matches("[0-9]{2,6}")) {
                throw new BadCommandException("'extension': an extension is 2–6 digits, not '" + abbreviate(text) + "'");
            }
            return Extension.of(text);
        }

        /** Call ids are UUIDs. */
        String callId() {
            String text = string("callId");
            if (!text.matches("[0-9a-fA-F-]{1,36}")) {
                throw new BadCommandException("'callId': a call id is a UUID, not '" + abbreviate(text) + "'");
            }
            return text;
        }

        String string(String field) {
            JsonValue value = required(field);
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                throw new BadCommandException("'" + field + "' must be a string");
            }
            return ((JsonString) value).getString();
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String text = string(field);
            try {
                return Enum.valueOf(type, text);
            } catch (IllegalArgumentException unknown) {
                throw new BadCommandException("'" + field + "' is one of " + Arrays.toString(type.getEnumConstants())
                        + ", not '" + abbreviate(text) + "'");
            }
        }

        PhoneNumber number(String field) {
            String text = string(field);
            return PhoneNumber.parse(text).orElseThrow(() -> new BadCommandException("'" + field + "': '" + abbreviate(text)
                    + "' is not a phone number or an extension (2–6 digits)"));
        }

        int intIn(String field, int min, int max) {
            int value = integer(field, required(field));
            if (value < min || value > max) {
                throw new BadCommandException("'" + field + "' is " + min + "–" + max + ", not " + value);
            }
            return value;
        }

        Optional<Integer> optionalInt(String field) {
            return present(field).map(value -> integer(field, value));
        }

        boolean bool(String field) {
            JsonValue value = required(field);
            if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
                return value.getValueType() == JsonValue.ValueType.TRUE;
            }
            throw new BadCommandException("'" + field + "' is true or false, not " + value.getValueType());
        }

        Optional<Instant> optionalInstant(String field) {
            if (present(field).isEmpty()) {
                return Optional.empty();
            }
            String text = string(field);
            try {
                return Optional.of(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException bad) {
                throw new BadCommandException("'" + field + "' is an ISO-8601 date-time with offset,"
                        + " e.g. 2026-11-24T13:00:00+01:00, not '" + abbreviate(text) + "'");
            }
        }

        private JsonValue required(String field) {
            return present(field).orElseThrow(() -> new BadCommandException("'" + field + "' is missing"));
        }

        private Optional<JsonValue> present(String field) {
            JsonValue value = json.get(field);
            return value == null || value.getValueType() == JsonValue.ValueType.NULL ? Optional.empty() : Optional.of(value);
        }

        private static int integer(String field, JsonValue value) {
            if (value.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) value).isIntegral()) {
                throw new BadCommandException("'" + field + "' is a whole number, not " + abbreviate(value.toString()));
            }
            try {
                return ((JsonNumber) value).intValueExact();
            } catch (ArithmeticException tooBig) {
                throw new BadCommandException("'" + field + "' is out of range: " + value);
            }
        }
    }
}
