package org.openreco.recommender.catalog.control;

import jakarta.json.Json;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.TreeMap;
import java.util.Map;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;

/**
 * Catalogue settings to and from the catalogue's settings column. Keys missing from the stored JSON
 * take their defaults, so settings written by an older version still read, and other components may
 * keep their own keys in the same object (they are left alone on write).
 */
public final class SettingsJson {

    /** Json.createReader looks its provider up through the ServiceLoader on every call (measured: 7 % of a one-event request's server CPU). */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private SettingsJson() {
    }

    public static CatalogueSettings read(String json) {
        var defaults = CatalogueSettings.defaults();
        if (json == null || json.isBlank()) {
            return defaults;
        }
        JsonObject stored;
        try (var reader = READERS.createReader(new StringReader(json))) {
            stored = reader.readObject();
        }
        var weights = defaults.eventWeights();
        if (stored.get("eventWeights") instanceof JsonObject object) {
            var read = new LinkedHashMap<String, Double>();
            object.forEach((type, weight) -> {
                if (weight instanceof JsonNumber number) {
                    read.put(type, number.doubleValue());
                }
            });
            weights = read;
        }
        return new CatalogueSettings(weights,
                stored.get("ratingPivot") instanceof JsonNumber n ? n.doubleValue() : defaults.ratingPivot(),
                stored.get("embeddingModel") instanceof JsonString s ? s.getString() : defaults.embeddingModel(),
                stored.get("reembedIntervalSeconds") instanceof JsonNumber n ? n.intValue() : defaults.reembedIntervalSeconds(),
                stored.get("userHalfLifeDays") instanceof JsonNumber n ? n.doubleValue() : defaults.userHalfLifeDays(),
                stored.get("trainingIntervalHours") instanceof JsonNumber n ? n.intValue() : null,
                stored.get("trainingEngine") instanceof JsonString s ? s.getString() : CatalogueSettings.IN_SERVER,
                stored.get("sparkMaster") instanceof JsonString s ? s.getString() : null);
    }

    /** The stored object with these settings' keys replaced. */
    public static String write(String storedJson, CatalogueSettings settings) {
        var result = Json.createObjectBuilder();
        if (storedJson != null && !storedJson.isBlank()) {
            try (var reader = READERS.createReader(new StringReader(storedJson))) {
                // an unset training interval or Spark master is left out, not stored as null
                reader.readObject().forEach((key, value) -> {
                    if (!key.equals("trainingIntervalHours") && !key.equals("sparkMaster")) {
                        result.add(key, value);
                    }
                });
            }
        }
        var weights = Json.createObjectBuilder();
        new TreeMap<>(settings.eventWeights()).forEach(weights::add);
        if (settings.trainingIntervalHours() != null) {
            result.add("trainingIntervalHours", settings.trainingIntervalHours());
        }
        if (settings.trainsOnSpark()) {
            result.add("sparkMaster", settings.sparkMaster().strip());
        }
        return result.add("eventWeights", weights)
                .add("ratingPivot", settings.ratingPivot())
                .add("embeddingModel", settings.embeddingModel())
                .add("reembedIntervalSeconds", settings.reembedIntervalSeconds())
                .add("userHalfLifeDays", settings.halfLifeDays())
                .add("trainingEngine", settings.trainsOnSpark() ? CatalogueSettings.SPARK : CatalogueSettings.IN_SERVER)
                .build()
                .toString();
    }
}
