package org.openreco.recommender.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;
import org.openreco.recommender.interactions.boundary.EventData;

/**
 * One event as storefronts send it: {@code {"user","item","type","value","timestamp","clientEventId",
 * "requestId"}}, timestamp an ISO-8601 instant. Converted element by element so that a wrong type or
 * an unknown field rejects that event only, naming the field.
 */
final class EventJson {

    static final Set<String> FIELDS = Set.of("user", "item", "type", "value", "timestamp", "clientEventId", "requestId");

    private EventJson() {
    }

    /** An event, or the field that cannot be read and why. */
    sealed interface Parsed {
    }

    record Event(EventData data) implements Parsed {
    }

    record Unreadable(String field, String reason) implements Parsed {
    }

    static Parsed parse(JsonValue value) {
        if (!(value instanceof JsonObject json)) {
            return new Unreadable("event", "must be a JSON object");
        }
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                return new Unreadable(key, "is not a field of an event; known: " + FIELDS.stream().sorted().toList());
            }
        }
        try {
            String timestamp = string(json, "timestamp");
            String requestId = string(json, "requestId");
            return new Event(new EventData(string(json, "user"), string(json, "item"), string(json, "type"),
                    number(json, "value"), timestamp == null ? null : instant(timestamp),
                    string(json, "clientEventId"), requestId == null ? null : uuid(requestId)));
        } catch (WrongType e) {
            return new Unreadable(e.field, e.getMessage());
        }
    }

    private static String string(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new WrongType(field, "must be a string");
    }

    private static Double number(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber n) {
            return n.doubleValue(); // 1e400 becomes Infinity, which the rules refuse as not finite
        }
        throw new WrongType(field, "must be a number");
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new WrongType("timestamp", "must be an ISO-8601 instant such as 2024-05-01T12:00:00Z");
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new WrongType("requestId", "must be a UUID");
        }
    }

    private static final class WrongType extends RuntimeException {

        final String field;

        WrongType(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
