package org.openreco.recommender.training.control;

import java.util.Arrays;

/**
 * A trained implicit-ALS model: user and item factors (flat, row-major, {@code factors} per row) and
 * the item Gram matrix YᵀY kept for fold-in. Scores are inner products x_u · y_i — what an
 * inner-product index over the item factors serves.
 */
public final class AlsModel implements Scorer {

    private final int factors;
    private final int users;
    private final int items;
    private final float[] userFactors;
    private final float[] itemFactors;
    private final double[] itemGram;
    private final double regularization;
    private final double alpha;

    AlsModel(int factors, int users, int items, float[] userFactors, float[] itemFactors, double[] itemGram,
            double regularization, double alpha) {
        this.factors = factors;
        this.users = users;
        this.items = items;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.itemGram = itemGram;
        this.regularization = regularization;
        this.alpha = alpha;
    }

    /**
     * A model from stored factors (e.g. read back from pgvector), row-major, {@code factors} per row;
     * YᵀY for fold-in is recomputed (O(items·k²)). The arrays are taken, not copied.
     */
    public static AlsModel restore(int factors, float[] userFactors, float[] itemFactors, double regularization,
            double alpha) {
        if (factors < 1 || userFactors.length % factors != 0 || itemFactors.length % factors != 0) {
            throw new IllegalArgumentException("factor arrays must hold whole rows of " + factors);
        }
        int items = itemFactors.length / factors;
        double[] gram;
        try (Parallel parallel = new Parallel(1)) {
            gram = ImplicitAls.gram(itemFactors, items, factors, parallel, new int[] {0, items});
        }
        return new AlsModel(factors, userFactors.length / factors, items, userFactors, itemFactors, gram,
                regularization, alpha);
    }

    /** All user factors, row-major (a copy), e.g. to store them. */
    public float[] userFactors() {
        return userFactors.clone();
    }

    /** All item factors, row-major (a copy), e.g. to store them in an inner-product index. */
    public float[] itemFactors() {
        return itemFactors.clone();
    }

    public double regularization() {
        return regularization;
    }

    public double alpha() {
        return alpha;
    }

    public int factors() {
        return factors;
    }

    public int userCount() {
        return users;
    }

    @Override
    public int itemCount() {
        return items;
    }

    /** The user's factors (a copy). */
    public float[] userVector(int user) {
        return Arrays.copyOfRange(userFactors, user * factors, (user + 1) * factors);
    }

    /** The item's factors (a copy). */
    public float[] itemVector(int item) {
        return Arrays.copyOfRange(itemFactors, item * factors, (item + 1) * factors);
    }

    @Override
    public void score(int user, float[] scores) {
        scoreVector(userFactors, user * factors, scores);
    }

    /** Scores every item for a user vector that is not in the model (e.g. from {@link #foldIn}). */
    public void score(float[] userVector, float[] scores) {
        scoreVector(userVector, 0, scores);
    }

    private void scoreVector(float[] x, int offset, float[] scores) {
        for (int i = 0; i < items; i++) {
            float s = 0;
            int base = i * factors;
            for (int f = 0; f < factors; f++) {
                s += x[offset + f] * itemFactors[base + f];
            }
            scores[i] = s;
        }
    }

    /**
     * The closed-form user vector for the given items and weights against the fixed item factors:
     * x = (YᵀY + Σ (c−1)·y yᵀ + λI)⁻¹ Σ c·y with c = 1 + alpha·w — exactly the user half-step of
     * training, so a user folded in from their training row gets the vector training would give them.
     * Non-positive weights are ignored (as in training). O(n·k² + k³); thread-safe.
     */
    public float[] foldIn(int[] itemIndices, float[] weights) {
        int k = factors;
        double[] a = Arrays.copyOf(itemGram, k * k);
        double[] b = new double[k];
        for (int f = 0; f < k; f++) {
            a[f * k + f] += regularization;
        }
        for (int n = 0; n < itemIndices.length; n++) {
            if (weights[n] <= 0) {
                continue;
            }
            double c = 1 + alpha * weights[n];
            ImplicitAls.addOuter(a, b, itemFactors, itemIndices[n], c, k);
        }
        DenseMath.choleskySolve(a, b, k);
        float[] x = new float[k];
        for (int f = 0; f < k; f++) {
            x[f] = (float) b[f];
        }
        return x;
    }
}
