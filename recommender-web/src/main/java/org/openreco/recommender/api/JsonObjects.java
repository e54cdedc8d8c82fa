package org.openreco.recommender.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import java.io.StringReader;
import java.util.Map;

/** Stored attribute JSON back into an object, so responses nest it rather than quote it. */
final class JsonObjects {

    /** Json.createReader looks its provider up through the ServiceLoader on every call: once here. */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonObjects() {
    }

    static JsonObject parse(String json) {
        if (json == null || json.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (var reader = READERS.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
