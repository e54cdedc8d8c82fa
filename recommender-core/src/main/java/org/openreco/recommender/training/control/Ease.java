package org.openreco.recommender.training.control;

import java.util.Arrays;
import java.util.Locale;

/**
 * EASE (Steck 2019): a closed-form item × item regression. With X the binarised users × items matrix,
 * G = XᵀX + λI and P = G⁻¹, the weight of item i for item j is B(i, j) = −P(i, j) / P(j, j) (0 on the
 * diagonal), and a user's score for j is Σ over the user's items i of B(i, j).
 *
 * <p>The inverse is dense: 2·n² floats of memory and about n³/2 multiply-adds for n items. So EASE
 * models only the items with at least {@link #MIN_USERS} users (rarer items add little signal and are
 * reached by the other sources), and is skipped, with the reason, when those are more than
 * {@code maxItems}. What is kept and served is, per item i, its {@code kept} largest weights B(i, ·): an
 * item-to-item table like the neighbours', so serving holds items × kept weights, not items².
 */
public final class Ease implements Algorithm {

    /** Items with fewer users than this are left out of the regression (neither predicted nor predictors). */
    public static final int MIN_USERS = 5;
    /**
     * The default limit: 5,000 items take 2 · 5,000² floats = 200 MB of heap while a training inverts
     * (10 % of the server's default 2 GiB) and about 15 s of two cores per fit, of which a training runs
     * three (validation, test, all data). 10,000 items would take 800 MB and two minutes per fit.
     */
    public static final int DEFAULT_MAX_ITEMS = 5_000;

    /** The trained table, or why there is none. */
    public record Trained(ItemNeighbours weights, String skipped) {
    }

    private final double lambda;
    private final int minUsers;
    private final int maxItems;
    private final int kept;
    private final int threads;

    /**
     * @param lambda   the L2 regularisation added to the Gram matrix's diagonal (> 0)
     * @param maxItems the most items the dense inverse may have
     * @param kept     weights kept per item
     */
    public Ease(double lambda, int maxItems, int kept, int threads) {
        this(lambda, MIN_USERS, maxItems, kept, threads);
    }

    /** @param minUsers the fewest users an item needs to be in the regression */
    Ease(double lambda, int minUsers, int maxItems, int kept, int threads) {
        if (!(lambda > 0) || minUsers < 1 || maxItems < 0 || kept < 1) {
            throw new IllegalArgumentException("lambda > 0, minUsers ≥ 1, maxItems ≥ 0, kept ≥ 1");
        }
        this.lambda = lambda;
        this.minUsers = minUsers;
        this.maxItems = maxItems;
        this.kept = kept;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "EASE";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "lambda %.1f, at most %d items, %d weights kept per item", lambda, maxItems, kept);
    }

    /** Scores through the kept table; an empty table (EASE skipped) scores every item 0. */
    @Override
    public Scorer fit(InteractionMatrix userItems) {
        Trained trained = train(userItems);
        return (trained.weights() != null ? trained.weights() : ItemNeighbours.empty(userItems.cols())).scorer(userItems);
    }

    /** The kept weights per item of the whole catalogue (empty rows for items outside the regression). */
    public Trained train(InteractionMatrix userItems) {
        InteractionMatrix ratings = userItems.binarised();
        int items = ratings.cols();
        int[] counts = ratings.columnCounts();
        int[] modelled = new int[items]; // catalogue index → regression index, −1: left out
        int n = 0;
        for (int i = 0; i < items; i++) {
            modelled[i] = counts[i] >= minUsers ? n++ : -1;
        }
        if (n > maxItems) {
            return new Trained(null, String.format(Locale.ROOT, "EASE skipped: %,d items with at least %d users are more than "
                    + "easeMaxItems %,d (its dense inverse needs 2·n² floats: %,d MB)", n, minUsers, maxItems,
                    2L * n * n * Float.BYTES >> 20));
        }
        int[] original = new int[n];
        for (int i = 0; i < items; i++) {
            if (modelled[i] >= 0) {
                original[modelled[i]] = i;
            }
        }
        float[] gram = gram(ratings, modelled, n);
        for (int i = 0; i < n; i++) {
            gram[i * n + i] += (float) lambda;
        }
        SymmetricInverse.invert(gram, n, threads);
        int[][] neighbours = new int[items][];
        float[][] weights = new float[items][];
        Arrays.fill(neighbours, new int[0]);
        Arrays.fill(weights, new float[0]);
        float[] row = new float[n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                row[b] = a == b ? Float.NaN : -gram[a * n + b] / gram[b * n + b];
            }
            int[] best = TopK.select(row, kept);
            int size = 0;
            while (size < best.length && row[best[size]] > 0) {
                size++; // a negative weight only lowers a score: the sources add, so it is not kept
            }
            neighbours[original[a]] = new int[size];
            weights[original[a]] = new float[size];
            for (int r = 0; r < size; r++) {
                neighbours[original[a]][r] = original[best[r]];
                weights[original[a]][r] = row[best[r]];
            }
        }
        return new Trained(ItemNeighbours.packed(neighbours, weights), null);
    }

    /** XᵀX over the modelled items (upper triangle and diagonal): co-occurrence counts. */
    private static float[] gram(InteractionMatrix ratings, int[] modelled, int n) {
        float[] gram = new float[Math.multiplyExact(n, n)];
        int[] items = new int[ratings.cols()];
        for (int u = 0; u < ratings.rows(); u++) {
            int size = 0;
            for (int e = ratings.rowStart(u); e < ratings.rowEnd(u); e++) {
                int m = modelled[ratings.column(e)];
                if (m >= 0) {
                    items[size++] = m; // ascending: columns are sorted within a row
                }
            }
            for (int x = 0; x < size; x++) {
                int base = items[x] * n;
                for (int y = x; y < size; y++) {
                    gram[base + items[y]] += 1;
                }
            }
        }
        return gram;
    }
}
