package org.openreco.recommender.training.control;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The inverse of a symmetric positive definite matrix, in floats, through its Cholesky factor:
 * A = UᵀU (U upper), T = U⁻ᵀ (lower), A⁻¹ = TᵀT. Small enough to own instead of a linear-algebra
 * library: every step is "row += coefficient × other row", a loop the JIT turns into SIMD
 * multiply-adds, and rows are processed in blocks so that each source row is read from memory once
 * per block rather than once per target row (the steps are bound by memory traffic otherwise).
 * About n³/2 multiply-adds and 2·n² floats of memory for an n × n matrix.
 */
final class SymmetricInverse {

    /** Target rows that share one pass over the source rows: 32 rows of 10,000 floats stay in L2. */
    static final int BLOCK = 32;

    private SymmetricInverse() {
    }

    /**
     * Inverts {@code a} (n × n, row-major, only its upper triangle read) in place; on return it holds
     * the whole symmetric inverse.
     *
     * @throws IllegalArgumentException when the matrix is not positive definite
     */
    static void invert(float[] a, int n, int threads) {
        try (var pool = threads == 1 ? null : new ForkJoinPool(threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads)) {
            cholesky(a, n, pool);
            float[] t = new float[a.length];
            inverseTranspose(a, t, n, pool);
            gram(t, a, n, pool);
        }
    }

    /** In place: the upper triangle of {@code a} becomes U with A = UᵀU (row k: U[k][k..n)). */
    private static void cholesky(float[] a, int n, ForkJoinPool pool) {
        for (int k0 = 0; k0 < n; k0 += BLOCK) {
            int k1 = Math.min(n, k0 + BLOCK);
            // rows of the block minus what the finished rows p < k0 contribute: row k −= U[p][k] · U[p][k..]
            int from = k0;
            chunks(pool, k0, k1, (lo, hi) -> {
                for (int p = 0; p < from; p++) {
                    for (int k = lo; k < hi; k++) {
                        float c = a[p * n + k];
                        if (c != 0) {
                            axpy(-c, a, p * n + k, a, k * n + k, n - k);
                        }
                    }
                }
            });
            for (int k = k0; k < k1; k++) {
                float pivot = a[k * n + k];
                if (!(pivot > 0)) {
                    throw new IllegalArgumentException("matrix not positive definite at row " + k);
                }
                float d = (float) Math.sqrt(pivot);
                scale(a, k * n + k, n - k, 1 / d);
                for (int m = k + 1; m < k1; m++) {
                    float c = a[k * n + m];
                    if (c != 0) {
                        axpy(-c, a, k * n + m, a, m * n + m, n - m);
                    }
                }
            }
        }
    }

    /** t = U⁻ᵀ (lower; row i: t[i][0..i]) from Uᵀ·t = I, row i = (e_i − Σ_{k<i} U[k][i] · row k) / U[i][i]. */
    private static void inverseTranspose(float[] u, float[] t, int n, ForkJoinPool pool) {
        for (int i0 = 0; i0 < n; i0 += BLOCK) {
            int i1 = Math.min(n, i0 + BLOCK);
            int from = i0;
            chunks(pool, i0, i1, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    t[i * n + i] = 1;
                }
                for (int k = 0; k < from; k++) {
                    for (int i = lo; i < hi; i++) {
                        float c = u[k * n + i];
                        if (c != 0) {
                            axpy(-c, t, k * n, t, i * n, k + 1);
                        }
                    }
                }
            });
            for (int i = i0; i < i1; i++) {
                for (int k = i0; k < i; k++) {
                    float c = u[k * n + i];
                    if (c != 0) {
                        axpy(-c, t, k * n, t, i * n, k + 1);
                    }
                }
                scale(t, i * n, i + 1, 1 / u[i * n + i]);
            }
        }
    }

    /** p = tᵀt for lower t: P[a][0..a] = Σ_{i≥a} t[i][a] · t[i][0..a], then mirrored. */
    private static void gram(float[] t, float[] p, int n, ForkJoinPool pool) {
        java.util.Arrays.fill(p, 0f);
        for (int a0 = 0; a0 < n; a0 += BLOCK) {
            int a1 = Math.min(n, a0 + BLOCK);
            chunks(pool, a0, a1, (lo, hi) -> {
                for (int i = lo; i < n; i++) {
                    for (int a = lo; a < hi && a <= i; a++) {
                        float c = t[i * n + a];
                        if (c != 0) {
                            axpy(c, t, i * n, p, a * n, a + 1);
                        }
                    }
                }
            });
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                p[b * n + a] = p[a * n + b];
            }
        }
    }

    /** Whether this JVM has the Vector API (see {@link VectorAxpy}). */
    private static final boolean VECTOR_API = vectorApi();

    private static boolean vectorApi() {
        var log = java.util.logging.Logger.getLogger(SymmetricInverse.class.getName());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            log.info("EASE's inverse in plain loops (about 3× slower): the JVM runs without --add-modules=jdk.incubator.vector");
            return false;
        }
        try {
            VectorAxpy.axpy(1, new float[] {1}, 0, new float[] {1}, 0, 1);
            return true;
        } catch (LinkageError e) {
            log.info("EASE's inverse in plain loops: the Vector API is not visible here (" + e + ")");
            return false;
        }
    }

    /** y[yFrom..) += c · x[xFrom..), length values: the one kernel. */
    static void axpy(float c, float[] x, int xFrom, float[] y, int yFrom, int length) {
        if (VECTOR_API) {
            VectorAxpy.axpy(c, x, xFrom, y, yFrom, length);
            return;
        }
        for (int d = 0; d < length; d++) {
            y[yFrom + d] += c * x[xFrom + d];
        }
    }

    private static void scale(float[] x, int from, int length, float c) {
        for (int d = 0; d < length; d++) {
            x[from + d] *= c;
        }
    }

    /** Target rows [from, to) cut into one contiguous range per thread: each range reads every source row once. */
    private static void chunks(ForkJoinPool pool, int from, int to, Range range) {
        int parts = pool == null ? 1 : Math.min(to - from, pool.getParallelism());
        if (parts <= 1) {
            range.run(from, to);
            return;
        }
        pool.submit(() -> IntStream.range(0, parts).parallel()
                .forEach(c -> range.run(from + (to - from) * c / parts, from + (to - from) * (c + 1) / parts))).join();
    }

    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }
}
