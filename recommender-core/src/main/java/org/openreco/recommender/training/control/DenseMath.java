package org.openreco.recommender.training.control;

/** The few dense kernels ALS needs, on flat row-major arrays (k×k matrices as double[k*k]). */
final class DenseMath {

    private DenseMath() {
    }

    /** Dot product of row a of x and row b of y, both with k columns. */
    static double dot(float[] x, int a, float[] y, int b, int k) {
        double s = 0;
        int ia = a * k, ib = b * k;
        for (int f = 0; f < k; f++) {
            s += x[ia + f] * y[ib + f];
        }
        return s;
    }

    /** Dot product of row r of y (k columns) with a dense vector. */
    static double dot(float[] y, int r, double[] v, int k) {
        double s = 0;
        int base = r * k;
        for (int f = 0; f < k; f++) {
            s += y[base + f] * v[f];
        }
        return s;
    }

    /**
     * out = m · v for a k×k m. Four rows at a time with four accumulators: each v[b] load serves four
     * independent add chains, which the CPU overlaps (the JIT does not vectorise floating-point sums, as
     * that would reorder them). This product is most of the cost of a CG step for users with few items.
     */
    static void multiply(double[] m, double[] v, double[] out, int k) {
        int a = 0;
        for (; a + 3 < k; a += 4) {
            int r0 = a * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int b = 0; b < k; b++) {
                double vb = v[b];
                s0 += m[r0 + b] * vb;
                s1 += m[r1 + b] * vb;
                s2 += m[r2 + b] * vb;
                s3 += m[r3 + b] * vb;
            }
            out[a] = s0;
            out[a + 1] = s1;
            out[a + 2] = s2;
            out[a + 3] = s3;
        }
        for (; a < k; a++) {
            double s = 0;
            int row = a * k;
            for (int b = 0; b < k; b++) {
                s += m[row + b] * v[b];
            }
            out[a] = s;
        }
    }

    /**
     * Solves m · x = b in place for a symmetric positive definite m: m is overwritten by its Cholesky
     * factor L (lower triangle, only the lower triangle of m is read), b by x.
     */
    static void choleskySolve(double[] m, double[] b, int k) {
        choleskyFactor(m, k);
        solveFactored(m, b, k);
    }

    /** Overwrites the lower triangle of a symmetric positive definite m by its Cholesky factor L. */
    static void choleskyFactor(double[] m, int k) {
        for (int j = 0; j < k; j++) {
            int rj = j * k;
            double d = m[rj + j];
            for (int f = 0; f < j; f++) {
                d -= m[rj + f] * m[rj + f];
            }
            if (d <= 0) {
                throw new ArithmeticException("matrix not positive definite at " + j + " (use regularization > 0)");
            }
            d = Math.sqrt(d);
            m[rj + j] = d;
            for (int i = j + 1; i < k; i++) {
                int ri = i * k;
                double s = m[ri + j];
                for (int f = 0; f < j; f++) {
                    s -= m[ri + f] * m[rj + f];
                }
                m[ri + j] = s / d;
            }
        }
    }

    /** Solves L Lᵀ x = b in place, L from {@link #choleskyFactor}. */
    static void solveFactored(double[] m, double[] b, int k) {
        for (int i = 0; i < k; i++) { // L y = b
            double s = b[i];
            int ri = i * k;
            for (int f = 0; f < i; f++) {
                s -= m[ri + f] * b[f];
            }
            b[i] = s / m[ri + i];
        }
        for (int i = k - 1; i >= 0; i--) { // Lᵀ x = y
            double s = b[i];
            for (int f = i + 1; f < k; f++) {
                s -= m[f * k + i] * b[f];
            }
            b[i] = s / m[i * k + i];
        }
    }
}
