package org.openreco.recommender.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** Stored attribute JSON back into an object, so responses nest it rather than quote it. */
final class JsonObjects {

    private JsonObjects() {
    }

    static JsonObject parse(String json) {
        if (json == null || json.isBlank()) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
