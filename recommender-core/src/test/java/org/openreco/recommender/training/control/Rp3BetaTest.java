package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class Rp3BetaTest {

    /**
     * u0: {0, 1}, u1: {0, 1, 2}, u2: {1, 2}; item degrees 2, 3, 2; user degrees 2, 3, 2.
     * With alpha 1, beta 0: W(i, j) = Σ over common users u of 1/deg(i) · 1/deg(u):
     * W(0,1) = ½·½ + ½·⅓ = 5/12, W(0,2) = ½·⅓ = 1/6, W(1,0) = ⅓·½ + ⅓·⅓ = 5/18, W(1,2) = ⅓·⅓ + ⅓·½ = 5/18,
     * W(2,0) = ½·⅓ = 1/6, W(2,1) = ½·⅓ + ½·½ = 5/12.
     */
    static final InteractionMatrix TRAIN = InteractionMatrix.of(3, 3, new int[] {0, 0, 1, 1, 1, 2, 2},
            new int[] {0, 1, 0, 1, 2, 1, 2}, new float[] {1, 1, 1, 1, 1, 1, 1}, 7);

    @Test
    void walk_weights_match_the_hand_computed_three_step_probabilities() {
        ItemNeighbours w = new Rp3Beta(1, 0, 10, 1).neighbours(TRAIN);
        assertArrayEquals(new int[] {1, 2}, w.neighbours(0));
        assertArrayEquals(new float[] {5 / 12f, 1 / 6f}, w.similarities(0), 1e-6f);
        assertArrayEquals(new int[] {0, 2}, w.neighbours(1)); // a tie: the lower item first
        assertArrayEquals(new float[] {5 / 18f, 5 / 18f}, w.similarities(1), 1e-6f);
        assertArrayEquals(new float[] {5 / 12f, 1 / 6f}, w.similarities(2), 1e-6f);
    }

    @Test
    void beta_divides_by_the_arrival_items_popularity_and_alpha_raises_the_steps() {
        // beta 1: W(0,1) = 5/12 / 3 = 5/36, W(0,2) = 1/6 / 2 = 1/12 → order kept, values scaled
        assertArrayEquals(new float[] {5 / 36f, 1 / 12f}, new Rp3Beta(1, 1, 10, 1).neighbours(TRAIN).similarities(0),
                1e-6f);
        // alpha 0.5: W(0,1) = √½·√½ + √½·√⅓ = 0.5 + 0.408248
        assertArrayEquals(new float[] {0.908248f, 0.408248f}, new Rp3Beta(0.5, 0, 10, 1).neighbours(TRAIN)
                .similarities(0), 1e-5f);
    }

    @Test
    void a_users_score_sums_the_kept_weights_of_their_items() {
        float[] scores = new float[3];
        new Rp3Beta(1, 0, 10, 1).fit(TRAIN).score(0, scores);
        // u0 has 0 and 1: item 2 = W(0,2) + W(1,2) = 1/6 + 5/18 = 4/9
        assertArrayEquals(new float[] {5 / 18f, 5 / 12f, 4 / 9f}, scores, 1e-6f);

        // one neighbour per item: item 2 keeps only item 1, so W(2,0) no longer reaches item 0
        new Rp3Beta(1, 0, 1, 1).fit(TRAIN).score(2, scores);
        assertArrayEquals(new float[] {5 / 18f, 5 / 12f, 0}, scores, 1e-6f);
    }
}
