package org.openreco.recommender.embedding.boundary;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openreco.recommender.embedding.control.ReembeddingBatch;

/**
 * How many marks a catalogue's next batch claims, and whether two run side by side. A batch should take
 * about {@link #TARGET_MILLIS}: the drain visits the catalogues round robin, so one catalogue's long
 * batches (a large import being encoded with a big model on a busy machine took 12–17 s per 256 items)
 * would keep every other catalogue's fresh events waiting that long. A slow batch shrinks the next one in
 * proportion; a full, quick one lets it double, up to {@link ReembeddingBatch#DEFAULT_SIZE} (not beyond:
 * event writers wait for the marks a batch holds), and runs a second batch beside it. A catalogue starts
 * small ({@link #START_SIZE}): its first batch's duration is unknown, and a fresh import's first 256
 * items kept the other catalogues waiting 6 s in the ITs before the size could adapt.
 */
final class BatchSizes {

    static final long TARGET_MILLIS = 1_000;
    static final int MIN_SIZE = 16;
    static final int START_SIZE = 32;

    private record State(int size, boolean sideBySide) {
    }

    private final Map<Long, State> states = new ConcurrentHashMap<>();

    int next(long catalogueId) {
        return state(catalogueId).size();
    }

    boolean sideBySide(long catalogueId) {
        return state(catalogueId).sideBySide();
    }

    /** Adapts the catalogue's next batches to the reports of the batches of this size just run. */
    void done(long catalogueId, int size, List<ReembeddingBatch.Report> reports) {
        long slowest = reports.stream().mapToLong(ReembeddingBatch.Report::durationMs).max().orElse(0);
        boolean full = reports.stream().anyMatch(r -> r.claimed() >= size);
        int next;
        if (slowest > TARGET_MILLIS) {
            next = (int) Math.max(MIN_SIZE, size * TARGET_MILLIS / slowest);
        } else if (full) {
            next = Math.min(ReembeddingBatch.DEFAULT_SIZE, size * 2);
        } else {
            next = size;
        }
        states.put(catalogueId, new State(next, full && slowest <= TARGET_MILLIS));
    }

    /** After a failure: one small batch, as at the start. */
    void reset(long catalogueId) {
        states.remove(catalogueId);
    }

    private State state(long catalogueId) {
        return states.getOrDefault(catalogueId, new State(START_SIZE, false));
    }
}
