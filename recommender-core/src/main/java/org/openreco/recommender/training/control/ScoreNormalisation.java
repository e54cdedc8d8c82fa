package org.openreco.recommender.training.control;

import java.util.Arrays;

/**
 * How a hybrid puts its sources' scores on one scale before weighting them, always over the user's
 * candidates (the items outside the user's training row; the row's own items are left as they are,
 * they are never recommended). Raw ranges differ wildly (counts, sums of cosines, inner products), and a
 * source's shape matters too: min–max keeps it, the rank-based ones discard it.
 */
public enum ScoreNormalisation {

    /** Scores unchanged (already on one scale, e.g. normalised once and cached). */
    NONE,
    /** (s − min) / (max − min) into [0, 1]; all 0 when the candidates score alike. */
    MIN_MAX,
    /** (s − mean) / standard deviation; all 0 when the candidates score alike. */
    Z_SCORE,
    /** Linear in the rank: (n − r) / (n − 1) for rank r = 1..n of n candidates; ties share the best rank. */
    RANK,
    /** Reciprocal rank fusion (Cormack et al. 2009): 1 / (60 + r), so only a source's top places weigh much. */
    RECIPROCAL_RANK;

    /** The constant of reciprocal rank fusion, as published. */
    static final int RRF_K = 60;

    /** Normalises {@code scores} in place for the user (a row of {@code userItems}). */
    public void apply(float[] scores, InteractionMatrix userItems, int user) {
        switch (this) {
            case NONE -> { }
            case MIN_MAX -> minMax(scores, userItems, user);
            case Z_SCORE -> zScore(scores, userItems, user);
            case RANK, RECIPROCAL_RANK -> rank(scores, userItems, user, this == RECIPROCAL_RANK);
        }
    }

    private static boolean[] candidates(int items, InteractionMatrix userItems, int user) {
        boolean[] candidate = new boolean[items];
        Arrays.fill(candidate, true);
        for (int e = userItems.rowStart(user); e < userItems.rowEnd(user); e++) {
            candidate[userItems.column(e)] = false;
        }
        return candidate;
    }

    private static void minMax(float[] scores, InteractionMatrix userItems, int user) {
        boolean[] candidate = candidates(scores.length, userItems, user);
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            if (candidate[i]) {
                min = Math.min(min, scores[i]);
                max = Math.max(max, scores[i]);
            }
        }
        float range = max - min;
        for (int i = 0; i < scores.length; i++) {
            if (candidate[i]) {
                scores[i] = range > 0 ? (scores[i] - min) / range : 0f;
            }
        }
    }

    private static void zScore(float[] scores, InteractionMatrix userItems, int user) {
        boolean[] candidate = candidates(scores.length, userItems, user);
        double sum = 0, squares = 0;
        int n = 0;
        for (int i = 0; i < scores.length; i++) {
            if (candidate[i]) {
                sum += scores[i];
                squares += (double) scores[i] * scores[i];
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, squares / n - mean * mean));
        for (int i = 0; i < scores.length; i++) {
            if (candidate[i]) {
                scores[i] = sd > 0 ? (float) ((scores[i] - mean) / sd) : 0f;
            }
        }
    }

    private static void rank(float[] scores, InteractionMatrix userItems, int user, boolean reciprocal) {
        boolean[] candidate = candidates(scores.length, userItems, user);
        int n = 0;
        long[] order = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            if (candidate[i]) {
                // descending score in the high bits (order-preserving float bits, flipped), index low
                int bits = Float.floatToIntBits(scores[i] + 0f); // + 0f: −0 and 0 tie
                int key = bits >= 0 ? bits : bits ^ 0x7fffffff;
                order[n++] = ((long) ~key << 32) | i;
            }
        }
        Arrays.sort(order, 0, n);
        int rank = 0;
        float previous = Float.NaN;
        for (int r = 0; r < n; r++) {
            int i = (int) order[r];
            if (r == 0 || scores[i] != previous) {
                rank = r + 1;
                previous = scores[i];
            }
            order[r] = ((long) rank << 32) | i;
        }
        for (int r = 0; r < n; r++) {
            int i = (int) order[r], at = (int) (order[r] >>> 32);
            scores[i] = reciprocal ? 1f / (RRF_K + at) : n > 1 ? (float) (n - at) / (n - 1) : 1f;
        }
    }
}
