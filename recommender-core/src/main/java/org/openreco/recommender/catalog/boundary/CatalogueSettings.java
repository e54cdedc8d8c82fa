package org.openreco.recommender.catalog.boundary;

import java.util.Map;

/**
 * How a catalogue is run: the event types it accepts with their weights (a rating's weight is
 * multiplied by value minus the rating pivot, so low ratings count as negative), the embedding model,
 * and how often the re-embedding batch drains the queue. Stored as the catalogue's settings JSON.
 */
public record CatalogueSettings(Map<String, Double> eventWeights, double ratingPivot, String embeddingModel,
        int reembedIntervalSeconds) {

    public static CatalogueSettings defaults() {
        return new CatalogueSettings(Map.of(
                "view", 1.0, "click", 2.0, "like", 4.0, "add-to-cart", 5.0, "purchase", 8.0,
                "dislike", -4.0, "rating", 1.0), 2.5, "all-minilm-l6-v2", 1);
    }
}
