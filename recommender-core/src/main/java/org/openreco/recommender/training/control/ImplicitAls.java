package org.openreco.recommender.training.control;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.openreco.recommender.training.boundary.AlsParameters;
import org.openreco.recommender.training.boundary.EpochListener;

/**
 * Implicit-feedback ALS (Hu, Koren, Volinsky, "Collaborative Filtering for Implicit Feedback Datasets",
 * ICDM 2008). Every user × item cell has preference p = 1 if the matrix holds a positive weight w
 * there (confidence c = 1 + alpha·w), else p = 0 with confidence 1; the model minimises
 * Σ c (p − x_u·y_i)² + λ(Σ‖x_u‖² + Σ‖y_i‖²) by alternating exact (Cholesky) or warm-started
 * conjugate-gradient (Takács, Pilászy, Tikk 2011) solves of each row's normal equations.
 *
 * <p>The YᵀY trick keeps a row's cost at O(n_u·k + k²) per CG step (O(n_u·k² + k³) for Cholesky)
 * instead of O(items·k²): (YᵀC_uY) = YᵀY + Yᵀ(C_u − I)Y, and C_u − I is zero off the user's items.
 * Rows with at most {@code cgSteps} entries are solved exactly by the Woodbury identity, which is then
 * cheaper than CG. Cells the matrix does not hold (including dropped negative weights, see
 * {@link InteractionMatrix}) are p = 0, c = 1. Rows are solved in parallel; each solve reads only the fixed side and writes only its own row, so the
 * result does not depend on the number of threads or their scheduling.
 */
public final class ImplicitAls implements Algorithm {

    private final AlsParameters parameters;
    private final EpochListener listener;

    public ImplicitAls(AlsParameters parameters, EpochListener listener) {
        this.parameters = parameters;
        this.listener = listener == null ? EpochListener.NONE : listener;
    }

    public ImplicitAls(AlsParameters parameters) {
        this(parameters, EpochListener.NONE);
    }

    @Override
    public String name() {
        return "iALS";
    }

    @Override
    public AlsModel fit(InteractionMatrix userItems) {
        int k = parameters.factors();
        InteractionMatrix itemUsers = userItems.transpose();
        int users = userItems.rows(), items = userItems.cols();
        float[] x = new float[users * k];
        float[] y = new float[items * k];
        // small random start: all-zero factors would be a fixed point of the updates
        SplittableRandom random = new SplittableRandom(parameters.seed());
        double scale = 0.01;
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) (random.nextGaussian() * scale);
        }
        for (int n = 0; n < y.length; n++) {
            y[n] = (float) (random.nextGaussian() * scale);
        }
        try (Parallel parallel = new Parallel(parameters.threads())) {
            int[] userChunks = parallel.chunks(users, r -> userItems.rowLength(r) + k);
            int[] itemChunks = parallel.chunks(items, r -> itemUsers.rowLength(r) + k);
            double[] itemGram = gram(y, items, k, parallel, itemChunks);
            for (int epoch = 1; epoch <= parameters.iterations(); epoch++) {
                long start = System.nanoTime();
                solveRows(userItems, x, y, itemGram, parallel, userChunks);
                double[] userGram = gram(x, users, k, parallel, userChunks);
                solveRows(itemUsers, y, x, userGram, parallel, itemChunks);
                itemGram = gram(y, items, k, parallel, itemChunks); // for the loss, the next epoch and fold-in
                double loss = loss(userItems, x, y, itemGram, userGram, parallel, userChunks);
                listener.epochDone(epoch, loss, System.nanoTime() - start);
            }
            return new AlsModel(k, users, items, x, y, itemGram, parameters.regularization(), parameters.alpha());
        }
    }

    /** Full training loss of given factors (for tests and for reporting a model's fit). */
    public double loss(InteractionMatrix userItems, AlsModel model) {
        float[] x = new float[model.userCount() * model.factors()];
        float[] y = new float[model.itemCount() * model.factors()];
        for (int u = 0; u < model.userCount(); u++) {
            System.arraycopy(model.userVector(u), 0, x, u * model.factors(), model.factors());
        }
        for (int i = 0; i < model.itemCount(); i++) {
            System.arraycopy(model.itemVector(i), 0, y, i * model.factors(), model.factors());
        }
        try (Parallel parallel = new Parallel(1)) {
            int k = model.factors();
            double[] itemGram = gram(y, model.itemCount(), k, parallel, new int[] {0, model.itemCount()});
            double[] userGram = gram(x, model.userCount(), k, parallel, new int[] {0, model.userCount()});
            return loss(userItems, x, y, itemGram, userGram, parallel, new int[] {0, userItems.rows()});
        }
    }

    /** Vᵀ V of the rows of v (k columns); chunk partial sums added in chunk order, so deterministic. */
    static double[] gram(float[] v, int rows, int k, Parallel parallel, int[] chunks) {
        double[][] partial = new double[chunks.length - 1][];
        parallel.run(chunks, (chunk, from, to) -> {
            double[] g = new double[k * k];
            for (int r = from; r < to; r++) {
                int base = r * k;
                for (int a = 0; a < k; a++) {
                    double va = v[base + a];
                    int row = a * k;
                    for (int b = 0; b <= a; b++) { // lower triangle; mirrored below
                        g[row + b] += va * v[base + b];
                    }
                }
            }
            partial[chunk] = g;
        });
        double[] gram = new double[k * k];
        for (double[] g : partial) {
            for (int n = 0; n < gram.length; n++) {
                gram[n] += g[n];
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < a; b++) {
                gram[b * k + a] = gram[a * k + b];
            }
        }
        return gram;
    }

    /** One half-step: every row of {@code target} solved against the fixed factors. */
    private void solveRows(InteractionMatrix m, float[] target, float[] fixed, double[] fixedGram, Parallel parallel,
            int[] chunks) {
        int k = parameters.factors();
        double lambda = parameters.regularization(), alpha = parameters.alpha();
        int steps = parameters.cgSteps();
        // rows with at most `steps` entries are solved exactly by Woodbury, which is then cheaper than CG
        int shortRow = steps > 0 && alpha > 0 ? steps : 0;
        double[] inverse = shortRow > 0 ? regularisedInverse(fixedGram, lambda, k) : null;
        parallel.run(chunks, (chunk, from, to) -> {
            // per-chunk scratch: no allocation per row, nothing shared between threads
            double[] a = new double[k * k];
            double[] b = new double[k];
            double[] r = new double[k];
            double[] p = new double[k];
            double[] ap = new double[k];
            double[] z = new double[Math.max(1, shortRow) * k];
            for (int row = from; row < to; row++) {
                if (steps == 0) {
                    cholesky(m, row, target, fixed, fixedGram, lambda, alpha, k, a, b);
                } else if (m.rowLength(row) <= shortRow) {
                    woodbury(m, row, target, fixed, inverse, alpha, k, z, a, b, r);
                } else {
                    conjugateGradient(m, row, target, fixed, fixedGram, lambda, alpha, k, steps, b, r, p, ap);
                }
            }
        });
    }

    /** (G + λI)⁻¹: one Cholesky factorisation, then a solve per unit vector; O(k³) once per half-step. */
    static double[] regularisedInverse(double[] gram, double lambda, int k) {
        double[] inverse = new double[k * k];
        double[] m = Arrays.copyOf(gram, k * k);
        for (int f = 0; f < k; f++) {
            m[f * k + f] += lambda;
        }
        DenseMath.choleskyFactor(m, k);
        double[] e = new double[k];
        for (int col = 0; col < k; col++) {
            Arrays.fill(e, 0);
            e[col] = 1;
            DenseMath.solveFactored(m, e, k);
            for (int f = 0; f < k; f++) {
                inverse[f * k + col] = e[f];
            }
        }
        return inverse;
    }

    /**
     * Exact solve for a row with few entries (n ≤ CG steps), by the Woodbury identity: with M = G + λI,
     * Y_u the n fixed rows, D = diag(c − 1) and b = Y_uᵀc,
     * x = M⁻¹b − Z (D⁻¹ + Y_u Z)⁻¹ Y_u M⁻¹b where Z = M⁻¹Y_uᵀ, and M⁻¹b = Z c.
     * Costs n·k² + n²·k + n³ instead of CG's (steps + 1)·k²: most users of a sparse catalogue have one
     * or two interactions.
     */
    static void woodbury(InteractionMatrix m, int row, float[] target, float[] fixed, double[] inverse, double alpha,
            int k, double[] z, double[] s, double[] u, double[] w) {
        int start = m.rowStart(row), n = m.rowLength(row);
        Arrays.fill(u, 0, k, 0);
        for (int j = 0; j < n; j++) { // z_j = M⁻¹ y_j, u = Σ c_j z_j = M⁻¹ b
            int item = m.column(start + j);
            double c = 1 + alpha * m.value(start + j);
            for (int a = 0; a < k; a++) {
                double sum = 0;
                int ra = a * k, base = item * k;
                for (int f = 0; f < k; f++) {
                    sum += inverse[ra + f] * fixed[base + f];
                }
                z[j * k + a] = sum;
                u[a] += c * sum;
            }
        }
        for (int i = 0; i < n; i++) { // S = D⁻¹ + Y_u Z (n × n), right side Y_u u
            int item = m.column(start + i);
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int f = 0; f < k; f++) {
                    sum += fixed[item * k + f] * z[j * k + f];
                }
                s[i * n + j] = sum + (i == j ? 1 / (alpha * m.value(start + i)) : 0);
            }
            w[i] = DenseMath.dot(fixed, item, u, k);
        }
        if (n > 0) {
            DenseMath.choleskySolve(s, w, n);
        }
        int base = row * k;
        for (int a = 0; a < k; a++) {
            double v = u[a];
            for (int j = 0; j < n; j++) {
                v -= z[j * k + a] * w[j];
            }
            target[base + a] = (float) v;
        }
    }

    /** Exact solve: A = G + λI + Σ (c−1) y yᵀ, b = Σ c y over the row's entries. */
    private static void cholesky(InteractionMatrix m, int row, float[] target, float[] fixed, double[] gram,
            double lambda, double alpha, int k, double[] a, double[] b) {
        System.arraycopy(gram, 0, a, 0, k * k);
        Arrays.fill(b, 0);
        for (int f = 0; f < k; f++) {
            a[f * k + f] += lambda;
        }
        for (int e = m.rowStart(row); e < m.rowEnd(row); e++) {
            addOuter(a, b, fixed, m.column(e), 1 + alpha * m.value(e), k);
        }
        DenseMath.choleskySolve(a, b, k);
        int base = row * k;
        for (int f = 0; f < k; f++) {
            target[base + f] = (float) b[f];
        }
    }

    /** a += (c−1)·y yᵀ (lower triangle), b += c·y, for row {@code item} of y. */
    static void addOuter(double[] a, double[] b, float[] y, int item, double c, int k) {
        int base = item * k;
        double cm1 = c - 1;
        for (int f = 0; f < k; f++) {
            double yf = y[base + f];
            double s = cm1 * yf;
            int row = f * k;
            for (int g = 0; g <= f; g++) {
                a[row + g] += s * y[base + g];
            }
            b[f] += c * yf;
        }
    }

    /**
     * A few CG steps on A x = b from the row's current vector (implicit's least_squares_cg): A·p is
     * (G + λI)·p + Σ (c−1)(y·p) y, never formed. Each step lowers the row's quadratic objective, so the
     * loss cannot rise.
     */
    private static void conjugateGradient(InteractionMatrix m, int row, float[] target, float[] fixed, double[] gram,
            double lambda, double alpha, int k, int steps, double[] x, double[] r, double[] p, double[] ap) {
        int base = row * k;
        for (int f = 0; f < k; f++) {
            x[f] = target[base + f];
        }
        // r = b − A x
        DenseMath.multiply(gram, x, r, k);
        for (int f = 0; f < k; f++) {
            r[f] = -r[f] - lambda * x[f];
        }
        for (int e = m.rowStart(row); e < m.rowEnd(row); e++) {
            int i = m.column(e);
            double c = 1 + alpha * m.value(e);
            double coefficient = c - (c - 1) * DenseMath.dot(fixed, i, x, k);
            axpy(coefficient, fixed, i, r, k);
        }
        double rsOld = dot(r, r, k);
        if (rsOld < 1e-20) {
            return;
        }
        System.arraycopy(r, 0, p, 0, k);
        for (int step = 0; step < steps; step++) {
            DenseMath.multiply(gram, p, ap, k);
            for (int f = 0; f < k; f++) {
                ap[f] += lambda * p[f];
            }
            for (int e = m.rowStart(row); e < m.rowEnd(row); e++) {
                int i = m.column(e);
                double c = 1 + alpha * m.value(e);
                axpy((c - 1) * DenseMath.dot(fixed, i, p, k), fixed, i, ap, k);
            }
            double step0 = rsOld / dot(p, ap, k);
            for (int f = 0; f < k; f++) {
                x[f] += step0 * p[f];
                r[f] -= step0 * ap[f];
            }
            double rsNew = dot(r, r, k);
            if (rsNew < 1e-20) {
                break;
            }
            double beta = rsNew / rsOld;
            for (int f = 0; f < k; f++) {
                p[f] = r[f] + beta * p[f];
            }
            rsOld = rsNew;
        }
        for (int f = 0; f < k; f++) {
            target[base + f] = (float) x[f];
        }
    }

    /** v += s · row i of y. */
    private static void axpy(double s, float[] y, int i, double[] v, int k) {
        int base = i * k;
        for (int f = 0; f < k; f++) {
            v[f] += s * y[base + f];
        }
    }

    private static double dot(double[] a, double[] b, int k) {
        double s = 0;
        for (int f = 0; f < k; f++) {
            s += a[f] * b[f];
        }
        return s;
    }

    /**
     * Σ over all cells c (p − x·y)² + λ(‖X‖² + ‖Y‖²) without visiting the zero cells: as if every cell
     * were a zero of confidence 1, Σ_u Σ_i (x_u·y_i)² = Σ_u x_uᵀ(YᵀY)x_u = ⟨YᵀY, XᵀX⟩ (O(k²) from the
     * two Gram matrices); then each observed cell replaces its (x·y)² by c (1 − x·y)². ‖X‖² is the trace
     * of XᵀX.
     */
    private double loss(InteractionMatrix userItems, float[] x, float[] y, double[] itemGram, double[] userGram,
            Parallel parallel, int[] userChunks) {
        int k = parameters.factors();
        double alpha = parameters.alpha();
        double[] partial = new double[userChunks.length - 1];
        parallel.run(userChunks, (chunk, from, to) -> {
            double[] xu = new double[k];
            double sum = 0;
            for (int u = from; u < to; u++) {
                int base = u * k;
                for (int f = 0; f < k; f++) {
                    xu[f] = x[base + f];
                }
                for (int e = userItems.rowStart(u); e < userItems.rowEnd(u); e++) {
                    double s = DenseMath.dot(y, userItems.column(e), xu, k);
                    double c = 1 + alpha * userItems.value(e);
                    sum += c * (1 - s) * (1 - s) - s * s;
                }
            }
            partial[chunk] = sum;
        });
        double loss = 0;
        for (double p : partial) {
            loss += p;
        }
        double userNorms = 0;
        for (int n = 0; n < k * k; n++) {
            loss += itemGram[n] * userGram[n];
        }
        for (int f = 0; f < k; f++) {
            userNorms += userGram[f * k + f];
        }
        double itemNorms = 0;
        for (float v : y) {
            itemNorms += (double) v * v;
        }
        return loss + parameters.regularization() * (userNorms + itemNorms);
    }
}
