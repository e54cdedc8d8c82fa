package org.openreco.recommender.imports.boundary;

import java.time.Instant;

/**
 * An import's state and progress: records read, written (accepted by the boundary), duplicates (already
 * stored, not written twice) and rejected (in the error report); bytes read of the source's size. A dry
 * run writes nothing. A restartable import (interrupted by a server restart, or failed) continues from its
 * last checkpoint when restarted.
 */
public record ImportStatus(long id, String catalogue, String kind, String format, String source, boolean dryRun,
        String status, long read, long written, long duplicates, long rejected, long sourceBytes, long bytesRead,
        String error, boolean restartable, int restarts, Instant startedAt, Instant finishedAt) {

    public boolean finished() {
        return finishedAt != null;
    }

    /** From 0 to 1: the share of the source read (readers buffer ahead, so this leads by up to 64 KiB); 1 when finished. */
    public double fraction() {
        if (finished()) {
            return 1;
        }
        return sourceBytes == 0 ? 0 : Math.min(1, (double) bytesRead / sourceBytes);
    }
}
