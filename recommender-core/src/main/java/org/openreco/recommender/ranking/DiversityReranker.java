package org.openreco.recommender.ranking;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximal marginal relevance (Carbonell and Goldstein 1998): picks, one at a time, the candidate with
 * the best (1 − λ)·relevance − λ·(its highest cosine to an item already picked), on the items' content
 * vectors. λ = 0 keeps the relevance order; higher λ trades relevance for a more varied list. Relevance
 * is scaled to [0, 1] by the best candidate's, so λ means the same whatever the scores' range.
 */
public final class DiversityReranker {

    private DiversityReranker() {
    }

    /**
     * The indices of up to n candidates in the order to show them.
     *
     * @param relevance the candidates' scores, best first (≥ 0)
     * @param vectors   their unit vectors; null where an item has none (counts as unlike every other)
     */
    public static List<Integer> rerank(double[] relevance, float[][] vectors, double lambda, int n) {
        int count = relevance.length;
        int wanted = Math.min(n, count);
        var order = new ArrayList<Integer>(wanted);
        if (lambda <= 0) {
            for (int i = 0; i < wanted; i++) {
                order.add(i);
            }
            return order;
        }
        double best = 0;
        for (double r : relevance) {
            best = Math.max(best, r);
        }
        double scale = best > 0 ? 1 / best : 0;
        double[] closest = new double[count]; // highest cosine to a picked item
        java.util.Arrays.fill(closest, Double.NEGATIVE_INFINITY);
        boolean[] picked = new boolean[count];
        while (order.size() < wanted) {
            int pick = -1;
            double pickValue = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                if (picked[i]) {
                    continue;
                }
                double redundancy = order.isEmpty() ? 0 : Math.max(0, closest[i]);
                double value = (1 - lambda) * relevance[i] * scale - lambda * redundancy;
                if (value > pickValue) {
                    pick = i;
                    pickValue = value;
                }
            }
            picked[pick] = true;
            order.add(pick);
            for (int i = 0; i < count; i++) {
                if (!picked[i]) {
                    closest[i] = Math.max(closest[i], cosine(vectors[i], vectors[pick]));
                }
            }
        }
        return order;
    }

    static double cosine(float[] a, float[] b) {
        if (a == null || b == null) {
            return 0;
        }
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
