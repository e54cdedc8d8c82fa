package org.openreco.recommender.evaluation.boundary;

/**
 * Top-K quality of one algorithm, each a mean over the evaluated users unless said otherwise.
 *
 * @param precision hits in the top K / K
 * @param recall    hits in the top K / number of relevant items
 * @param ndcg      binary-relevance DCG of the top K over the ideal DCG of min(relevant, K) hits
 * @param map       average precision at K: Σ over hits of precision at the hit's rank / min(relevant, K)
 * @param mrr       1 / rank of the first hit within the top K (0 without a hit)
 * @param hitRate   share of users with at least one hit
 * @param coverage  distinct items in all users' top-K lists / catalogue items (not a per-user mean)
 * @param novelty   mean self-information −log2(share of training users who have the item) of the
 *                  recommended items (items nobody has count as one user)
 * @param diversity intra-list diversity, 1 − mean pairwise cosine of the top-K items' vectors; NaN when
 *                  no item vectors were given
 * @param f1        per user 2·precision·recall / (precision + recall) (0 without a hit), then the mean
 * @param intervals per metric that is a mean over users (precision, recall, f1, ndcg, map, mrr, hitRate)
 *                  its 95 % bootstrap interval over users, {low, high}; empty where not computed (runs
 *                  stored before intervals existed)
 */
public record MetricsAtK(int k, double precision, double recall, double ndcg, double map, double mrr, double hitRate,
        double coverage, double novelty, double diversity, double f1, java.util.Map<String, double[]> intervals) {

    /** Without F1 and intervals (NaN, none). */
    public MetricsAtK(int k, double precision, double recall, double ndcg, double map, double mrr, double hitRate,
            double coverage, double novelty, double diversity) {
        this(k, precision, recall, ndcg, map, mrr, hitRate, coverage, novelty, diversity, Double.NaN, java.util.Map.of());
    }

    public MetricsAtK {
        intervals = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(intervals));
    }
}
