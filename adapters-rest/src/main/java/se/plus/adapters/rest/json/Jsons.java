package se.plus.adapters.rest.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.Reader;

/**
 * JSON-P through one provider looked up once. {@code Jsons.object()} and friends look the
 * provider up again on every call (a ServiceLoader scan of the deployment's class loaders), which a
 * profile of the dial endpoint under load showed among its costs.
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    public static JsonReader reader(Reader reader) {
        return PROVIDER.createReader(reader);
    }

    public static JsonParser parser(Reader reader) {
        return PROVIDER.createParser(reader);
    }
}
