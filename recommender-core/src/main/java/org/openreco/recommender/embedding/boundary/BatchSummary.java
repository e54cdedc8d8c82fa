package org.openreco.recommender.embedding.boundary;

/**
 * The batches of the last {@code windowSeconds}: how many, marks cleared, texts encoded, encoding rate
 * over batch time (docs/s), event-to-vector lag percentiles over all their marks, mean batch duration.
 */
public record BatchSummary(int windowSeconds, int batches, long marks, long encoded, double docsPerSecond,
        int lagP50Ms, int lagP95Ms, double meanBatchMs) {
}
