package org.openreco.recommender.catalog.boundary;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a catalogue is run: the event types it accepts with their weights (a rating's weight is
 * multiplied by value minus the rating pivot, so low ratings count as negative), the embedding model,
 * and how often the re-embedding batch drains the queue. Stored as the catalogue's settings JSON.
 */
public record CatalogueSettings(Map<String, Double> eventWeights, double ratingPivot, String embeddingModel,
        int reembedIntervalSeconds) {

    public static final int MAX_EVENT_TYPES = 50;
    public static final double MAX_ABS_WEIGHT = 1_000;
    public static final int MAX_REEMBED_INTERVAL_SECONDS = 86_400;
    /** An event type is stored in interaction.type, varchar(30). */
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,29}");

    public static CatalogueSettings defaults() {
        return new CatalogueSettings(Map.of(
                "view", 1.0, "click", 2.0, "like", 4.0, "add-to-cart", 5.0, "purchase", 8.0,
                "dislike", -4.0, "rating", 1.0), 2.5, "all-minilm-l6-v2", 1);
    }

    /** The weight of an event of this type, or null when the catalogue does not accept the type. */
    public Double weight(String type, Double value) {
        Double weight = eventWeights.get(type);
        if (weight == null || !"rating".equals(type) || value == null) {
            return weight;
        }
        return weight * (value - ratingPivot);
    }

    /** The first rule these settings break as {field, reason}, or null when they are valid. */
    public String[] problem() {
        if (eventWeights == null || eventWeights.isEmpty()) {
            return new String[] {"eventWeights", "must name at least one event type"};
        }
        if (eventWeights.size() > MAX_EVENT_TYPES) {
            return new String[] {"eventWeights", "must name at most " + MAX_EVENT_TYPES + " event types"};
        }
        for (var entry : eventWeights.entrySet()) {
            if (entry.getKey() == null || !EVENT_TYPE.matcher(entry.getKey()).matches()) {
                return new String[] {"eventWeights", "event type '" + entry.getKey()
                        + "' must be 1 to 30 lower-case letters, digits, '-' or '_', starting with a letter"};
            }
            Double weight = entry.getValue();
            if (weight == null || !Double.isFinite(weight) || Math.abs(weight) > MAX_ABS_WEIGHT) {
                return new String[] {"eventWeights", "the weight of '" + entry.getKey()
                        + "' must be a number between -" + MAX_ABS_WEIGHT + " and " + MAX_ABS_WEIGHT};
            }
        }
        if (!Double.isFinite(ratingPivot)) {
            return new String[] {"ratingPivot", "must be a finite number"};
        }
        if (embeddingModel == null || embeddingModel.isBlank()) {
            return new String[] {"embeddingModel", "is required"};
        }
        if (embeddingModel.length() > 100 || embeddingModel.indexOf('\0') >= 0) {
            return new String[] {"embeddingModel", "must be at most 100 characters"};
        }
        if (reembedIntervalSeconds < 1 || reembedIntervalSeconds > MAX_REEMBED_INTERVAL_SECONDS) {
            return new String[] {"reembedIntervalSeconds", "must be between 1 and " + MAX_REEMBED_INTERVAL_SECONDS};
        }
        return null;
    }
}
