package org.openreco.recommender.monitoring.boundary;

import java.time.Instant;

/**
 * The collaborative model a catalogue serves: its version, when its training finished and when it was
 * activated, and its headline metrics on the test split (null when the evaluation stored none).
 */
public record ActiveModel(String catalogue, long version, Instant trainedAt, Instant activatedAt, Double ndcgAt10,
        Double recallAt10) {
}
