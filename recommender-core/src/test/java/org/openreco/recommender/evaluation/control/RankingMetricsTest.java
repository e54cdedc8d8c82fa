package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every expected value is worked out by hand in the comments; log2(3) = 1.58496, log2(6) = 2.58496. */
class RankingMetricsTest {

    static final double EPS = 1e-5;

    static boolean[] relevant(int items, int... relevant) {
        boolean[] r = new boolean[items];
        for (int i : relevant) {
            r[i] = true;
        }
        return r;
    }

    // list [3, 1, 4, 0, 2], relevant {1, 2, 7}: hits at ranks 2 (item 1) and 5 (item 2); item 7 is not listed
    final int[] ranked = {3, 1, 4, 0, 2};
    final boolean[] rel = relevant(8, 1, 2, 7);

    @Test
    void precision_and_recall_count_the_hits_in_the_top_k() {
        assertEquals(2.0 / 5, RankingMetrics.precision(ranked, rel, 5), EPS); // 2 hits / K 5
        assertEquals(2.0 / 3, RankingMetrics.recall(ranked, rel, 3, 5), EPS); // 2 hits / 3 relevant
        assertEquals(1.0 / 3, RankingMetrics.precision(ranked, rel, 3), EPS); // top 3 = [3,1,4]: 1 hit
        assertEquals(1.0 / 3, RankingMetrics.recall(ranked, rel, 3, 3), EPS);
        assertEquals(0, RankingMetrics.precision(ranked, rel, 1), EPS);     // [3]: no hit
        assertEquals(1, RankingMetrics.hitRate(ranked, rel, 3), EPS);
        assertEquals(0, RankingMetrics.hitRate(ranked, rel, 1), EPS);
    }

    @Test
    void ndcg_divides_by_the_ideal_dcg_of_min_relevant_k_hits() {
        // DCG@5 = 1/log2(3) + 1/log2(6) = 0.630930 + 0.386853 = 1.017783
        // IDCG over min(3, 5) = 3 places = 1 + 0.630930 + 0.5 = 2.130930 → 1.017783 / 2.130930 = 0.477618
        assertEquals(0.477618, RankingMetrics.ndcg(ranked, rel, 3, 5), EPS);
        // @3: DCG = 0.630930, IDCG = 2.130930 → 0.296082
        assertEquals(0.296082, RankingMetrics.ndcg(ranked, rel, 3, 3), EPS);
        // six relevant, list [0, 9, 1] @3: DCG = 1 + 1/log2(4) = 1.5; IDCG over min(6, 3) = 3 → 1.5 / 2.130930 = 0.703914
        assertEquals(0.703914, RankingMetrics.ndcg(new int[] {0, 9, 1}, relevant(10, 0, 1, 2, 3, 4, 5), 6, 3), EPS);
    }

    @Test
    void average_precision_sums_precision_at_each_hit_over_min_relevant_k() {
        // hits at 2 and 5: (1/2 + 2/5) / min(3, 5) = 0.9 / 3 = 0.3
        assertEquals(0.3, RankingMetrics.averagePrecision(ranked, rel, 3, 5), EPS);
        // @3: (1/2) / 3 = 0.166667
        assertEquals(1.0 / 6, RankingMetrics.averagePrecision(ranked, rel, 3, 3), EPS);
        // six relevant, [0, 9, 1] @3: (1/1 + 2/3) / min(6, 3) = 1.666667 / 3 = 0.555556
        assertEquals(5.0 / 9, RankingMetrics.averagePrecision(new int[] {0, 9, 1}, relevant(10, 0, 1, 2, 3, 4, 5), 6, 3), EPS);
    }

    @Test
    void reciprocal_rank_is_one_over_the_first_hits_rank_within_k() {
        assertEquals(0.5, RankingMetrics.reciprocalRank(ranked, rel, 5), EPS);
        assertEquals(0, RankingMetrics.reciprocalRank(ranked, rel, 1), EPS);
    }

    @Test
    void a_list_shorter_than_k_counts_the_missing_places_as_misses() {
        // one item recommended, it is the one relevant item, K = 10
        int[] one = {5};
        boolean[] r = relevant(6, 5);
        assertEquals(0.1, RankingMetrics.precision(one, r, 10), EPS); // 1 / 10
        assertEquals(1, RankingMetrics.recall(one, r, 1, 10), EPS);
        assertEquals(1, RankingMetrics.ndcg(one, r, 1, 10), EPS);     // DCG 1 / IDCG over min(1, 10) = 1
        assertEquals(1, RankingMetrics.averagePrecision(one, r, 1, 10), EPS);
    }

    @Test
    void novelty_is_the_mean_self_information_of_the_listed_items() {
        // 8 training users; items have 8, 4, 2, 1, 0 users → −log2(8/8) = 0, −log2(4/8) = 1, −log2(2/8) = 2,
        // −log2(1/8) = 3, and the item nobody has counts as one user: 3 → (0 + 1 + 2 + 3 + 3) / 5 = 1.8
        assertEquals(1.8, RankingMetrics.novelty(new int[] {0, 1, 2, 3, 4}, 5, new int[] {8, 4, 2, 1, 0}, 8), EPS);
        // @2: (0 + 1) / 2
        assertEquals(0.5, RankingMetrics.novelty(new int[] {0, 1, 2, 3, 4}, 2, new int[] {8, 4, 2, 1, 0}, 8), EPS);
    }

    @Test
    void intra_list_diversity_is_one_minus_the_mean_pairwise_cosine_of_items_with_vectors() {
        double h = Math.sqrt(0.5);
        float[][] unit = {{1, 0}, {0, 1}, {(float) h, (float) h}, null};
        // pairs with vectors: (0,1) cos 0, (0,2) 0.707107, (1,2) 0.707107 → mean 0.471405 → 1 − 0.471405 = 0.528595
        assertEquals(0.528595, RankingMetrics.intraListDiversity(new int[] {0, 1, 2, 3}, 4, unit), EPS);
        // one item with a vector: no pair
        assertEquals(Double.NaN, RankingMetrics.intraListDiversity(new int[] {0, 3}, 2, unit));
    }
}
