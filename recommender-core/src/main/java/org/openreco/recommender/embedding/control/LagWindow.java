package org.openreco.recommender.embedding.control;

import java.util.ArrayDeque;

/**
 * Lags of the last few minutes, for percentile gauges: a bounded queue of (time, lag) pairs, old ones
 * dropped as new ones come and at read time.
 */
public final class LagWindow {

    static final int CAPACITY = 50_000;

    private final long windowMillis;
    private final ArrayDeque<long[]> entries = new ArrayDeque<>();

    public LagWindow(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    public synchronized void add(long nowMillis, long lagMillis) {
        entries.addLast(new long[] {nowMillis, lagMillis});
        while (entries.size() > CAPACITY) {
            entries.removeFirst();
        }
    }

    /** The nearest-rank percentile (0..1) of the lags within the window before now; 0 when there are none. */
    public synchronized double percentile(double p) {
        return percentile(p, System.currentTimeMillis());
    }

    synchronized double percentile(double p, long nowMillis) {
        while (!entries.isEmpty() && entries.peekFirst()[0] < nowMillis - windowMillis) {
            entries.removeFirst();
        }
        if (entries.isEmpty()) {
            return 0;
        }
        long[] sorted = entries.stream().mapToLong(e -> e[1]).sorted().toArray();
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
