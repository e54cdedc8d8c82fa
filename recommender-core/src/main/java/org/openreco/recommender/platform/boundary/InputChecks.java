package org.openreco.recommender.platform.boundary;

import jakarta.json.Json;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The rules every piece of storefront input shares. Each check answers why a value cannot be
 * stored, or null when it can: validating up front is what lets a batch reject one element and
 * commit the rest, where a database error would abort all of them.
 */
public final class InputChecks {

    /** Json.createReader looks its provider up through the ServiceLoader on every call (measured: 7 % of a one-event request's server CPU). */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    /** Descriptions, profile texts and attribute JSON: 16 KiB of UTF-8, as the schema checks. */
    public static final int TEXT_MAX_BYTES = 16_384;
    public static final int EXTERNAL_ID_MAX_LENGTH = 200;
    /** PostgreSQL's timestamptz reaches further, but a year past 9999 is a mistake, not a date. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private InputChecks() {
    }

    public static String externalId(String id) {
        if (id == null || id.isBlank()) {
            return "is required";
        }
        return text(id, EXTERNAL_ID_MAX_LENGTH);
    }

    /** A string of at most maxLength characters that PostgreSQL can store (no NUL). */
    public static String text(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            return "must be at most " + maxLength + " characters (has " + value.length() + ")";
        }
        return value.indexOf('\0') >= 0 ? "must not contain NUL characters" : null;
    }

    /** A string of at most 16 KiB in UTF-8. */
    public static String longText(String value) {
        if (value == null) {
            return null;
        }
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > TEXT_MAX_BYTES) {
            return "must be at most " + TEXT_MAX_BYTES + " bytes of UTF-8 (has " + bytes + ")";
        }
        return value.indexOf('\0') >= 0 ? "must not contain NUL characters" : null;
    }

    /** A list of non-blank strings, each at most maxLength characters. */
    public static String labels(List<String> values, int maxCount, int maxLength) {
        if (values == null) {
            return null;
        }
        if (values.size() > maxCount) {
            return "must have at most " + maxCount + " entries (has " + values.size() + ")";
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || value.isBlank()) {
                return "entry " + i + " is blank";
            }
            String problem = text(value, maxLength);
            if (problem != null) {
                return "entry " + i + " " + problem;
            }
        }
        return null;
    }

    /** A JSON object of at most 16 KiB, as text. */
    public static String jsonObject(String json) {
        if (json == null) {
            return null;
        }
        String size = longText(json);
        if (size != null) {
            return size;
        }
        // jsonb cannot hold the NUL character even escaped
        if (json.contains("\\u0000")) {
            return "must not contain NUL characters";
        }
        try (var reader = READERS.createReader(new StringReader(json))) {
            JsonObject ignored = reader.readObject();
            return null;
        } catch (JsonParsingException e) {
            return "must be a JSON object: " + e.getMessage();
        } catch (JsonException | IllegalStateException e) {
            return "must be a JSON object";
        }
    }

    public static String instant(Instant value) {
        if (value == null) {
            return null;
        }
        return value.isBefore(EARLIEST) || value.isAfter(LATEST) ? "must lie between the years 1 and 9999" : null;
    }
}
