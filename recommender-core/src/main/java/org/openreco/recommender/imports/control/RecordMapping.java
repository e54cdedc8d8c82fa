package org.openreco.recommender.imports.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.interactions.boundary.EventData;
import org.openreco.recommender.users.boundary.UserData;

/**
 * Turns source records into items, users or events: renames columns by the mapping (source column →
 * target field; a column named like a field needs no entry; "attributes.&lt;key&gt;" collects a column
 * into the attributes object), converts the values and checks them, so that a dry run finds what the
 * boundaries would reject. A bad value throws {@link RecordRejected} naming the target field.
 */
public final class RecordMapping {

    public static final int ID_MAX = 200;
    public static final int TITLE_MAX = 512;
    public static final int TEXT_MAX_BYTES = 16 * 1024;
    private static final String ATTRIBUTE_PREFIX = "attributes.";
    // beyond a day ahead a timestamp is a mistake (seconds taken for milliseconds, a wrong year)
    private static final long FUTURE_TOLERANCE_SECONDS = 24 * 3600;

    private final Map<String, String> mapping;
    private final Pattern listSeparator;

    public RecordMapping(Map<String, String> mapping, String listSeparator) {
        this.mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
        this.listSeparator = Pattern.compile(Pattern.quote(
                listSeparator == null || listSeparator.isEmpty() ? "|" : listSeparator));
    }

    public ItemData item(SourceRecord record) {
        var v = new Values(record);
        return new ItemData(v.id("externalId"), v.required("title", TITLE_MAX), v.text("description", TEXT_MAX_BYTES),
                v.list("categories"), v.list("tags"), v.attributes(), v.bool("available"), v.instant("publishedAt"));
    }

    public UserData user(SourceRecord record) {
        var v = new Values(record);
        return new UserData(v.id("externalId"), v.text("profileText", TEXT_MAX_BYTES), v.attributes());
    }

    public EventData event(SourceRecord record) {
        var v = new Values(record);
        return new EventData(v.id("user"), v.id("item"), v.id("type"), v.number("value"), v.instant("occurredAt"),
                v.optionalId("clientEventId"), v.uuid("requestId"));
    }

    /** A record's values by target field. */
    private final class Values {

        private final long line;
        private final Map<String, Object> fields = new HashMap<>();
        private final Map<String, Object> attributes = new HashMap<>();

        Values(SourceRecord record) {
            line = record.line();
            record.values().forEach((column, value) -> {
                String field = mapping.getOrDefault(column, column);
                if (field.startsWith(ATTRIBUTE_PREFIX)) {
                    attributes.put(field.substring(ATTRIBUTE_PREFIX.length()), value);
                } else {
                    fields.put(field, value);
                }
            });
        }

        private RecordRejected rejected(String field, String reason) {
            return new RecordRejected(line, field, reason);
        }

        String string(String field) {
            Object value = fields.get(field);
            if (value instanceof List<?>) {
                throw rejected(field, "must be a single value, not a list");
            }
            String text = (String) value;
            return text == null || text.isBlank() ? null : text;
        }

        String required(String field, int maxLength) {
            String value = string(field);
            if (value == null) {
                throw rejected(field, "is required");
            }
            if (value.length() > maxLength) {
                throw rejected(field, "must be at most " + maxLength + " characters (is " + value.length() + ")");
            }
            return value;
        }

        String id(String field) {
            return required(field, ID_MAX).strip();
        }

        String optionalId(String field) {
            return string(field) == null ? null : id(field);
        }

        String text(String field, int maxBytes) {
            String value = string(field);
            if (value != null && value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
                throw rejected(field, "must be at most " + maxBytes + " bytes");
            }
            return value;
        }

        List<String> list(String field) {
            Object value = fields.get(field);
            List<String> items = value instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : value == null ? List.of() : Arrays.asList(listSeparator.split((String) value));
            List<String> cleaned = items.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
            for (String element : cleaned) {
                if (element.length() > ID_MAX) {
                    throw rejected(field, "elements must be at most " + ID_MAX + " characters");
                }
            }
            return value == null ? null : cleaned;
        }

        Boolean bool(String field) {
            String value = string(field);
            if (value == null) {
                return null;
            }
            return switch (value.strip().toLowerCase()) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> throw rejected(field, "must be true or false, not '" + value + "'");
            };
        }

        Double number(String field) {
            String value = string(field);
            if (value == null) {
                return null;
            }
            double number;
            try {
                number = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw rejected(field, "must be a number, not '" + value + "'");
            }
            if (!Double.isFinite(number)) {
                throw rejected(field, "must be a finite number");
            }
            return number;
        }

        /** ISO-8601 (2024-05-01T10:00:00Z) or seconds since the epoch. */
        Instant instant(String field) {
            String value = string(field);
            if (value == null) {
                return null;
            }
            Instant instant;
            try {
                instant = value.strip().chars().allMatch(Character::isDigit)
                        ? Instant.ofEpochSecond(Long.parseLong(value.strip()))
                        : Instant.parse(value.strip());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw rejected(field, "must be an ISO-8601 instant or epoch seconds, not '" + value + "'");
            }
            if (instant.isAfter(Instant.now().plusSeconds(FUTURE_TOLERANCE_SECONDS))) {
                throw rejected(field, "lies in the future: " + instant);
            }
            return instant;
        }

        UUID uuid(String field) {
            String value = string(field);
            try {
                return value == null ? null : UUID.fromString(value.strip());
            } catch (IllegalArgumentException e) {
                throw rejected(field, "must be a UUID");
            }
        }

        /** The attributes column (a JSON object) merged with the attributes.* columns, as JSON text. */
        String attributes() {
            String json = text("attributes", TEXT_MAX_BYTES);
            if (json == null && attributes.isEmpty()) {
                return null;
            }
            var builder = Json.createObjectBuilder();
            if (json != null) {
                try (var reader = Json.createReader(new StringReader(json))) {
                    if (!(reader.readValue() instanceof JsonObject object)) {
                        throw rejected("attributes", "must be a JSON object");
                    }
                    builder = Json.createObjectBuilder(object);
                } catch (JsonException e) {
                    throw rejected("attributes", "must be a JSON object: " + e.getMessage());
                }
            }
            for (var attribute : attributes.entrySet()) {
                Object value = attribute.getValue();
                if (value instanceof List<?> list) {
                    builder.add(attribute.getKey(), Json.createArrayBuilder(list));
                } else if (value != null) {
                    builder.add(attribute.getKey(), (String) value);
                }
            }
            String result = builder.build().toString();
            if (result.getBytes(StandardCharsets.UTF_8).length > TEXT_MAX_BYTES) {
                throw rejected("attributes", "must be at most " + TEXT_MAX_BYTES + " bytes of JSON");
            }
            return result;
        }
    }
}
