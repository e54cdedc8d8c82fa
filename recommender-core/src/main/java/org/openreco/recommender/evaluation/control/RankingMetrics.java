package org.openreco.recommender.evaluation.control;

/**
 * Per-user top-K metrics with binary relevance. {@code ranked} is the recommended list, best first (it
 * may be shorter than k: missing places count as misses); {@code relevant[i]} says whether item i is
 * relevant; {@code relevantCount} is how many are (must be ≥ 1: users without a relevant item are the
 * evaluator's business, not a zero here).
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    public static int hits(int[] ranked, boolean[] relevant, int k) {
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant[ranked[r]]) {
                hits++;
            }
        }
        return hits;
    }

    public static double precision(int[] ranked, boolean[] relevant, int k) {
        return (double) hits(ranked, relevant, k) / k;
    }

    public static double recall(int[] ranked, boolean[] relevant, int relevantCount, int k) {
        return (double) hits(ranked, relevant, k) / relevantCount;
    }

    public static double hitRate(int[] ranked, boolean[] relevant, int k) {
        return hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    /** DCG of the list (gain 1 at 1-based rank r discounted by log2(r + 1)) over the ideal DCG of min(|rel|, k) hits. */
    public static double ndcg(int[] ranked, boolean[] relevant, int relevantCount, int k) {
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant[ranked[r]]) {
                dcg += discount(r + 1);
            }
        }
        double ideal = 0;
        for (int r = 1; r <= Math.min(relevantCount, k); r++) {
            ideal += discount(r);
        }
        return dcg / ideal;
    }

    /** Σ over hits of (hits so far / rank), divided by min(|rel|, k) — the normaliser RecBole and Gorse use. */
    public static double averagePrecision(int[] ranked, boolean[] relevant, int relevantCount, int k) {
        double sum = 0;
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant[ranked[r]]) {
                hits++;
                sum += (double) hits / (r + 1);
            }
        }
        return sum / Math.min(relevantCount, k);
    }

    /** 1 / rank of the first relevant item within the top k, 0 when there is none. */
    public static double reciprocalRank(int[] ranked, boolean[] relevant, int k) {
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant[ranked[r]]) {
                return 1.0 / (r + 1);
            }
        }
        return 0;
    }

    /**
     * Mean self-information of the listed items: −log2(users of the item / users), an item no training
     * user has counting as one user so that it stays finite.
     */
    public static double novelty(int[] ranked, int k, int[] itemUsers, int users) {
        int n = Math.min(k, ranked.length);
        if (n == 0) {
            return 0;
        }
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += -log2((double) Math.max(1, itemUsers[ranked[r]]) / users);
        }
        return sum / n;
    }

    /**
     * 1 − mean cosine over the unordered pairs of listed items that both have a vector; NaN when fewer
     * than two do. {@code unitVectors} must be unit length (null where an item has none).
     */
    public static double intraListDiversity(int[] ranked, int k, float[][] unitVectors) {
        int n = Math.min(k, ranked.length);
        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < n; a++) {
            float[] va = unitVectors[ranked[a]];
            if (va == null) {
                continue;
            }
            for (int b = a + 1; b < n; b++) {
                float[] vb = unitVectors[ranked[b]];
                if (vb == null) {
                    continue;
                }
                double dot = 0;
                for (int f = 0; f < va.length; f++) {
                    dot += va[f] * vb[f];
                }
                sum += dot;
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : 1 - sum / pairs;
    }

    static double discount(int rank) {
        return 1 / log2(rank + 1);
    }

    /** The harmonic mean of one user's precision and recall at K; 0 when both are 0 (no hit). */
    public static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
