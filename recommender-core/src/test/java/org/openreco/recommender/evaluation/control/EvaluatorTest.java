package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openreco.recommender.evaluation.boundary.AlgorithmMetrics;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.Scorer;

class EvaluatorTest {

    static final double EPS = 1e-5;

    static Scorer fixed(float... values) {
        return new Scorer() {
            @Override
            public int itemCount() {
                return values.length;
            }

            @Override
            public void score(int user, float[] scores) {
                System.arraycopy(values, 0, scores, 0, values.length);
            }
        };
    }

    static InteractionMatrix matrix(int users, int items, int[]... cells) {
        int[] u = new int[cells.length], i = new int[cells.length];
        float[] w = new float[cells.length];
        for (int n = 0; n < cells.length; n++) {
            u[n] = cells[n][0];
            i[n] = cells[n][1];
            w[n] = 1;
        }
        return InteractionMatrix.of(users, items, u, i, w, cells.length);
    }

    /*
     * 3 users × 6 items. Training: u0 {0}, u1 {1}, u2 {2}. Test: u0 {3, 4}; u1 {1} — a repeated training
     * pair, so u1 has no relevant item and is skipped (counted); u2 has no test rows (not a test user).
     * Scores for everyone [5, 1, 1, 1, 0, 1]. u0's candidates are items 1..5 (item 0 is a training item);
     * ties at 1 go by lower index: ranking 1, 2, 3, 5, 4. Hits: item 3 at rank 3, item 4 at rank 5.
     */
    final InteractionMatrix train = matrix(3, 6, new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 2});
    final InteractionMatrix test = matrix(3, 6, new int[] {0, 3}, new int[] {0, 4}, new int[] {1, 1});
    final Scorer scorer = fixed(5, 1, 1, 1, 0, 1);

    @Test
    void f1_is_the_harmonic_mean_of_the_users_precision_and_recall() {
        MetricsAtK at3 = new Evaluator(new int[] {3}, null, 1).evaluate("fixed", scorer, train, test).at(3);
        // u0 alone: precision 1/3, recall 1/2 → 2 · 1/6 / (5/6) = 0.4
        assertEquals(0.4, at3.f1(), EPS);
        // one user: every resample is that user, so the interval is the value itself
        assertEquals(0.4, at3.intervals().get("f1")[0], EPS);
        assertEquals(0.4, at3.intervals().get("f1")[1], EPS);
    }

    @Test
    void the_bootstrap_interval_brackets_the_mean_and_narrows_with_more_users() {
        // half the users score 1, half 0: the mean is 0.5 and the standard error sqrt(0.25 / n)
        double[][] few = new double[20][];
        double[][] many = new double[2000][];
        for (int n = 0; n < many.length; n++) {
            double[] value = {n % 2};
            many[n] = value;
            if (n < few.length) {
                few[n] = value;
            }
        }
        double[] wide = Bootstrap.intervals(few, 1)[0];
        double[] narrow = Bootstrap.intervals(many, 1)[0];
        assertTrue(wide[0] < 0.5 && 0.5 < wide[1], java.util.Arrays.toString(wide));
        // ± 1.96 · 0.5 / √2000 = ± 0.0219
        assertEquals(0.5 - 0.0219, narrow[0], 0.006);
        assertEquals(0.5 + 0.0219, narrow[1], 0.006);
        assertTrue(narrow[1] - narrow[0] < wide[1] - wide[0]);
    }

    @Test
    void metrics_of_a_ranking_with_ties_broken_by_item_index() {
        AlgorithmMetrics m = new Evaluator(new int[] {3, 5}, null, 2).evaluate("fixed", scorer, train, test);
        assertEquals(1, m.users());
        assertEquals(1, m.skippedUsers());
        MetricsAtK at3 = m.at(3);
        assertEquals(1.0 / 3, at3.precision(), EPS);  // 1 hit / 3
        assertEquals(0.5, at3.recall(), EPS);          // 1 of 2 relevant
        // DCG = 1/log2(4) = 0.5; IDCG over min(2, 3) = 2: 1 + 0.630930 = 1.630930 → 0.306574
        assertEquals(0.306574, at3.ndcg(), EPS);
        assertEquals(1.0 / 6, at3.map(), EPS);          // (1/3) / min(2, 3)
        assertEquals(1.0 / 3, at3.mrr(), EPS);
        assertEquals(1, at3.hitRate(), EPS);
        assertEquals(3.0 / 6, at3.coverage(), EPS);     // {1, 2, 3} of 6 items
        MetricsAtK at5 = m.at(5);
        assertEquals(0.4, at5.precision(), EPS);        // 2 / 5
        assertEquals(1, at5.recall(), EPS);
        // DCG = 0.5 + 1/log2(6) = 0.886853 → / 1.630930 = 0.543774
        assertEquals(0.543774, at5.ndcg(), EPS);
        assertEquals((1.0 / 3 + 2.0 / 5) / 2, at5.map(), EPS); // 0.366667
        assertEquals(5.0 / 6, at5.coverage(), EPS);
        // 3 training users; items 1, 2 have one user, 3, 4, 5 none (count as one): all −log2(1/3) = 1.584963
        assertEquals(1.584963, at5.novelty(), EPS);
        assertTrue(Double.isNaN(at5.diversity()));
        assertEquals(1.0 / 3, m.mrr(), EPS);            // full ranking: item 3 is third
    }

    @Test
    void the_full_rank_counts_the_candidates_before_the_best_relevant_item() {
        // NaN = not a candidate; item 3 (score 1) is the best relevant; before it: items 1 and 2 (ties, lower index)
        assertEquals(3, Evaluator.fullRank(new float[] {Float.NaN, 1, 1, 1, 0, 1}, new boolean[] {false, false, false, true, true, false}));
        assertEquals(1, Evaluator.fullRank(new float[] {2, 9, 2}, new boolean[] {false, true, false}));
    }

    @Test
    void diversity_uses_the_item_vectors_when_given() {
        // u0's top 3 = items 1, 2, 3; vectors (1,0), (1,0), (0,1): cosines 1, 0, 0 → 1 − 1/3 = 0.666667
        float[][] vectors = {{1, 0}, {1, 0}, {1, 0}, {0, 1}, {0, 1}, {0, 1}};
        AlgorithmMetrics m = new Evaluator(new int[] {3}, vectors, 1).evaluate("fixed", scorer, train, test);
        assertEquals(2.0 / 3, m.at(3).diversity(), EPS);
    }

    @Test
    void when_no_test_user_has_a_relevant_item_the_means_are_zero_and_every_user_is_counted_as_skipped() {
        InteractionMatrix onlyRepeats = matrix(3, 6, new int[] {1, 1});
        AlgorithmMetrics m = new Evaluator(3).evaluate("fixed", scorer, train, onlyRepeats);
        assertEquals(0, m.users());
        assertEquals(1, m.skippedUsers());
        assertEquals(0, m.at(3).ndcg());
    }

    @Test
    void a_rankers_lists_are_judged_as_given_and_its_reciprocal_rank_counts_within_the_list() {
        // u0 gets the list 5, 4, 1 of which item 4 (relevant) is second; item 3 (relevant) is not in it
        Evaluator.Ranker ranker = (user, k) -> new int[] {5, 4, 1};
        AlgorithmMetrics m = new Evaluator(new int[] {3}, null, 1).evaluate("list", ranker, train, test);
        assertEquals(1, m.users());
        assertEquals(1.0 / 3, m.at(3).precision(), EPS);
        assertEquals(0.5, m.at(3).recall(), EPS);
        // DCG = 1/log2(3) = 0.630930; IDCG = 1.630930 → 0.386853
        assertEquals(0.386853, m.at(3).ndcg(), EPS);
        assertEquals(0.5, m.mrr(), EPS);
    }
}
