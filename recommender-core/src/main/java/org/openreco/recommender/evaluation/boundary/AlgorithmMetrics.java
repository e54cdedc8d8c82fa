package org.openreco.recommender.evaluation.boundary;

import java.util.List;

/**
 * One algorithm's result in an evaluation run.
 *
 * @param algorithm     its name
 * @param atK           the metrics at each cut-off, in the order asked
 * @param mrr           mean reciprocal rank of the first relevant item in the full ranking (no cut-off)
 * @param users         users evaluated (with at least one relevant test item outside their training items)
 * @param skippedUsers  users with test rows but no such relevant item: left out of every mean
 * @param trainMillis   training time (0 when the scorer came trained)
 * @param rankMillis    time to rank every evaluated user's candidates
 * @param userNdcg      per cut-off (the order of {@code atK}) each test user's NDCG, NaN for a skipped
 *                      user, in the test matrix's user order: two algorithms judged on the same split can
 *                      be compared user by user; null where not kept
 */
public record AlgorithmMetrics(String algorithm, List<MetricsAtK> atK, double mrr, int users, int skippedUsers,
        long trainMillis, long rankMillis, double[][] userNdcg) {

    /** Without the per-user values. */
    public AlgorithmMetrics(String algorithm, List<MetricsAtK> atK, double mrr, int users, int skippedUsers,
            long trainMillis, long rankMillis) {
        this(algorithm, atK, mrr, users, skippedUsers, trainMillis, rankMillis, null);
    }

    public MetricsAtK at(int k) {
        return atK.stream().filter(m -> m.k() == k).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no metrics at " + k));
    }
}
