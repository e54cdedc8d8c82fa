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
 */
public record MetricsAtK(int k, double precision, double recall, double ndcg, double map, double mrr, double hitRate,
        double coverage, double novelty, double diversity) {
}
