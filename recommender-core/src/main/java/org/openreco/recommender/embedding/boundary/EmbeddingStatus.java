package org.openreco.recommender.embedding.boundary;

import java.time.Instant;
import java.util.List;

/**
 * How a catalogue's embeddings stand: the model its settings name, the generation that serves and the
 * one being built (null when none), the queue (marks waiting, parked, age of the oldest due mark),
 * the last five minutes of batches, and the latest batches (newest first) for a chart. {@code pausedSince}
 * is set while an operator has paused the catalogue's re-embedding (marks keep accumulating).
 */
public record EmbeddingStatus(String catalogue, String model, GenerationInfo active, GenerationInfo building,
        long queueDepth, long parked, long oldestQueuedSeconds, boolean encoderAvailable, BatchSummary lastMinutes,
        List<BatchStats> recentBatches, Instant pausedSince) {
}
