package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ScoreNormalisationTest {

    /** User 0 has item 0 (score 100): it is no candidate, so it neither stretches the range nor changes. */
    static final InteractionMatrix HAS_ITEM_0 = InteractionMatrix.of(1, 5, new int[] {0}, new int[] {0},
            new float[] {1}, 1);

    static float[] normalised(ScoreNormalisation n, float... scores) {
        float[] s = scores.clone();
        n.apply(s, HAS_ITEM_0, 0);
        return s;
    }

    @Test
    void min_max_maps_the_candidates_onto_zero_to_one() {
        assertArrayEquals(new float[] {100, 0, 0.25f, 1, 0.25f}, normalised(ScoreNormalisation.MIN_MAX, 100, 2, 3, 6, 3),
                1e-6f);
    }

    @Test
    void z_score_subtracts_the_candidates_mean_and_divides_by_their_standard_deviation() {
        // candidates 2, 3, 6, 3: mean 3.5, variance (2.25 + 0.25 + 6.25 + 0.25) / 4 = 2.25, sd 1.5
        assertArrayEquals(new float[] {100, -1, -1 / 3f, 5 / 3f, -1 / 3f},
                normalised(ScoreNormalisation.Z_SCORE, 100, 2, 3, 6, 3), 1e-6f);
    }

    @Test
    void linear_rank_gives_ties_the_same_best_rank() {
        // ranks among 4 candidates: 6 → 1, the two 3s → 2, 2 → 4; (n − r) / (n − 1) with n = 4
        assertArrayEquals(new float[] {100, 0, 2 / 3f, 1, 2 / 3f}, normalised(ScoreNormalisation.RANK, 100, 2, 3, 6, 3),
                1e-6f);
    }

    @Test
    void reciprocal_rank_is_one_over_sixty_plus_the_rank_and_orders_negative_scores_too() {
        // −1 is the best, −7 the worst: ranks 1, 2 (tie), 2 (tie), 4
        assertArrayEquals(new float[] {100, 1 / 64f, 1 / 62f, 1 / 61f, 1 / 62f},
                normalised(ScoreNormalisation.RECIPROCAL_RANK, 100, -7, -3, -1, -3), 1e-7f);
    }

    @Test
    void candidates_that_all_score_alike_become_zero_except_in_rank_normalisations() {
        assertArrayEquals(new float[] {9, 0, 0, 0, 0}, normalised(ScoreNormalisation.MIN_MAX, 9, 5, 5, 5, 5), 0f);
        assertArrayEquals(new float[] {9, 0, 0, 0, 0}, normalised(ScoreNormalisation.Z_SCORE, 9, 5, 5, 5, 5), 0f);
        assertArrayEquals(new float[] {9, 1, 1, 1, 1}, normalised(ScoreNormalisation.RANK, 9, 5, 5, 5, 5), 0f);
    }

    @Test
    void a_blend_with_rank_normalisation_sums_the_weighted_ranks() {
        Scorer a = BlendTest.fixed(0, 1, 2, 3, 4); // ranks of items 1..4: 4, 3, 2, 1
        Scorer b = BlendTest.fixed(0, 4, 3, 2, 1); // ranks: 1, 2, 3, 4
        float[] scores = new float[5];
        Blend.of(java.util.List.of(a, b), new double[] {1, 2}, HAS_ITEM_0, ScoreNormalisation.RANK).score(0, scores);
        // item 1: 0 + 2·1 = 2; item 2: 1/3 + 2·2/3 = 5/3; item 3: 2/3 + 2·1/3 = 4/3; item 4: 1 + 0 = 1
        assertArrayEquals(new float[] {2, 5 / 3f, 4 / 3f, 1}, java.util.Arrays.copyOfRange(scores, 1, 5), 1e-6f);
    }
}
