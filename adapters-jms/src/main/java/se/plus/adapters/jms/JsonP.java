package se.plus.adapters.jms;

import jakarta.json.spi.JsonProvider;

/**
 * The server's JSON-P provider, looked up once for the adapter: {@code Json.create...} repeats the
 * ServiceLoader scan on every call, which showed in profiles of the command path.
 */
final class JsonP {

    static final JsonProvider JSON = JsonProvider.provider();

    private JsonP() {
    }
}
