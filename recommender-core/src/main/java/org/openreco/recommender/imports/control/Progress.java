package org.openreco.recommender.imports.control;

/**
 * The counts of a step since they were last saved: shared by the step's reader and writer through the
 * step context, saved by the writer once per chunk (inside the chunk's transaction).
 */
final class Progress {

    long read;
    long written;
    long duplicates;
    long rejected;
    long bytes;

    void saveTo(ImportLedger ledger, long importId) {
        if (read + written + duplicates + rejected + bytes > 0) {
            ledger.progress(importId, read, written, duplicates, rejected, bytes);
        }
        read = written = duplicates = rejected = bytes = 0;
    }
}
