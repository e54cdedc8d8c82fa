package org.openreco.recommender.imports.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;

/** Turns one JSON record into the values of a {@link SourceRecord}. */
final class JsonValues {

    private JsonValues() {
    }

    static SourceRecord record(long line, JsonObject object) {
        var values = new HashMap<String, Object>();
        object.forEach((name, value) -> values.put(name, convert(value)));
        return new SourceRecord(line, values);
    }

    private static Object convert(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "true";
            case FALSE -> "false";
            case ARRAY -> ((JsonArray) value).stream().map(JsonValues::scalar).toList();
            case OBJECT -> value.toString();
        };
    }

    private static String scalar(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

}
