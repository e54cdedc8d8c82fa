package org.openreco.recommender.training.control;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs row ranges on a fixed number of threads. Rows are cut into chunks of about equal cost (given
 * per row, e.g. its number of entries), several per thread so that a few heavy users do not leave a
 * core idle; each chunk gets its own scratch arrays from the task, so nothing is shared but the output
 * rows each chunk owns. With one thread everything runs in the caller, in order.
 */
final class Parallel implements AutoCloseable {

    @FunctionalInterface
    interface ChunkTask {
        /** Processes rows [from, to) as chunk number {@code chunk}. */
        void run(int chunk, int from, int to);
    }

    @FunctionalInterface
    interface RowCost {
        long of(int row);
    }

    private static final int CHUNKS_PER_THREAD = 8;

    private final int threads;
    private final ForkJoinPool pool;

    Parallel(int threads) {
        this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        this.pool = this.threads == 1 ? null : new ForkJoinPool(this.threads);
    }

    int threads() {
        return threads;
    }

    /** Chunk boundaries over [0, rows): boundaries[c] .. boundaries[c+1]. */
    int[] chunks(int rows, RowCost cost) {
        int count = Math.max(1, Math.min(rows, threads == 1 ? 1 : threads * CHUNKS_PER_THREAD));
        long total = 0;
        for (int r = 0; r < rows; r++) {
            total += cost.of(r);
        }
        int[] bounds = new int[count + 1];
        long sum = 0;
        int c = 1;
        for (int r = 0; r < rows && c < count; r++) {
            sum += cost.of(r);
            if (sum * count >= total * c) {
                bounds[c++] = r + 1;
            }
        }
        while (c <= count) {
            bounds[c++] = rows;
        }
        return bounds;
    }

    void run(int[] bounds, ChunkTask task) {
        int count = bounds.length - 1;
        if (pool == null) {
            for (int c = 0; c < count; c++) {
                task.run(c, bounds[c], bounds[c + 1]);
            }
            return;
        }
        // a parallel stream started inside a pool's task runs on that pool's workers
        pool.submit(() -> IntStream.range(0, count).parallel().forEach(c -> task.run(c, bounds[c], bounds[c + 1]))).join();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
