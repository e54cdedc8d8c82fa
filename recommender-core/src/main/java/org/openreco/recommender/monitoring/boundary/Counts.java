package org.openreco.recommender.monitoring.boundary;

/**
 * How much data the platform holds right now, and how far the embeddings lag behind it: the
 * re-embedding queue's due marks, the parked ones (failed too often) and the age of the oldest due
 * mark in seconds (0 when the queue is empty) — the freshness lag an operator watches.
 */
public record Counts(long catalogues, long items, long users, long interactions, long queued, long parked,
        long oldestQueuedSeconds) {
}
