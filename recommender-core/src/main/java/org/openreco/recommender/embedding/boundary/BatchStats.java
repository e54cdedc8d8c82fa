package org.openreco.recommender.embedding.boundary;

import java.time.Instant;

/**
 * One committed re-embedding batch: marks cleared (items, users), texts encoded, marks that failed, its
 * duration, and the event-to-vector lag percentiles of its marks.
 */
public record BatchStats(Instant finishedAt, int items, int users, int encoded, int failed, int durationMs,
        int lagP50Ms, int lagP95Ms) {
}
