package org.openreco.recommender.api;

import jakarta.json.Json;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ProcessingException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads a request body as a JSON tree, for endpoints that judge each element of a batch themselves
 * (JSON-B would refuse a whole batch for one element of the wrong type). The size limit is the
 * resource method's {@link BodyLimit}, enforced by {@link BodyLimitFilter} on the stream read here.
 */
final class JsonBodies {

    /** Json.createReader looks its provider up through the ServiceLoader on every call (measured: 7 % of a one-event request's server CPU). */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonBodies() {
    }

    static JsonValue read(InputStream body) {
        try (var reader = READERS.createReader(body)) {
            return reader.readValue();
        } catch (JsonException e) {
            // MalformedBodyMapper: 413 when the filter cut the body off, else 400 with the parser's message
            throw new ProcessingException(e);
        }
    }
}
