package org.openreco.recommender.monitoring.boundary;

/** How much data the platform holds right now. */
public record Counts(long catalogues, long items, long users, long interactions) {
}
