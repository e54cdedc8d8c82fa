package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EaseTest {

    /**
     * u0: {0, 1}, u1: {0, 1, 2}, u2: {1, 2}. XᵀX = [[2,2,1],[2,3,2],[1,2,2]]; with λ = 1,
     * G = [[3,2,1],[2,4,2],[1,2,3]], det 16, P = G⁻¹ = [[1/2,−1/4,0],[−1/4,1/2,−1/4],[0,−1/4,1/2]], so
     * B(i, j) = −P(i, j)/P(j, j): B(0,1) = B(1,0) = B(1,2) = B(2,1) = 1/2, B(0,2) = B(2,0) = 0.
     */
    static final InteractionMatrix TRAIN = Rp3BetaTest.TRAIN;

    @Test
    void weights_match_the_hand_computed_closed_form() {
        var trained = new Ease(1, 1, 100, 10, 1).train(TRAIN);
        assertNull(trained.skipped());
        ItemNeighbours b = trained.weights();
        assertArrayEquals(new int[] {1}, b.neighbours(0)); // B(0,2) = 0 adds nothing: not kept
        assertArrayEquals(new float[] {0.5f}, b.similarities(0), 1e-5f);
        assertArrayEquals(new int[] {0, 2}, b.neighbours(1));
        assertArrayEquals(new float[] {0.5f, 0.5f}, b.similarities(1), 1e-5f);
        assertArrayEquals(new int[] {1}, b.neighbours(2));
    }

    @Test
    void a_users_score_sums_the_weights_of_their_items() {
        float[] scores = new float[3];
        new Ease(1, 1, 100, 10, 1).fit(TRAIN).score(0, scores);
        // u0 has 0 and 1: item 0 ← B(1,0), item 1 ← B(0,1), item 2 ← B(0,2) + B(1,2)
        assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f}, scores, 1e-5f);
    }

    @Test
    void a_larger_lambda_shrinks_the_weights() {
        // λ = 3: G = [[5,2,1],[2,6,2],[1,2,5]], det 5·26 − 2·8 + 1·(−2) = 112; cofactors C01 = −8, C11 = 24, C02 = −2,
        // C22 = 26: B(0,1) = 8/24 = 1/3, B(0,2) = 2/26 = 1/13
        ItemNeighbours b = new Ease(3, 1, 100, 10, 1).train(TRAIN).weights();
        assertArrayEquals(new int[] {1, 2}, b.neighbours(0));
        assertArrayEquals(new float[] {1 / 3f, 1 / 13f}, b.similarities(0), 1e-5f);
    }

    @Test
    void items_with_too_few_users_are_left_out_of_the_regression() {
        // items 0 and 2 have 2 users, item 1 has 3: with at least 3 users only item 1 is modelled, alone
        ItemNeighbours b = new Ease(1, 3, 100, 10, 1).train(TRAIN).weights();
        assertEquals(0, b.size());
        assertEquals(3, b.itemCount());
    }

    @Test
    void more_items_than_the_limit_skip_ease_with_the_reason() {
        var trained = new Ease(1, 1, 2, 10, 1).train(TRAIN);
        assertNull(trained.weights());
        assertTrue(trained.skipped().contains("3 items") && trained.skipped().contains("easeMaxItems 2"), trained.skipped());
        float[] scores = {9, 9, 9};
        new Ease(1, 1, 2, 10, 1).fit(TRAIN).score(0, scores);
        assertArrayEquals(new float[] {0, 0, 0}, scores);
    }
}
