package org.openreco.recommender.imports.boundary;

import java.time.Instant;

/**
 * An import's state and progress: records read, written (accepted by the boundary), duplicates (already
 * stored, not written twice) and rejected (in the error report). A dry run writes nothing.
 */
public record ImportStatus(long id, String catalogue, String kind, String format, String source, boolean dryRun,
        String status, long read, long written, long duplicates, long rejected, String error, Instant startedAt,
        Instant finishedAt) {

    public boolean finished() {
        return finishedAt != null;
    }
}
