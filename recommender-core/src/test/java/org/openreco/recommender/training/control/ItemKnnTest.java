package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ItemKnnTest {

    /*
     * users × items (binary)      item columns as user sets
     *        i0 i1 i2 i3          i0 = {u0, u1, u2}   |i0| = √3
     *   u0    1  1  0  0          i1 = {u0, u1}       |i1| = √2
     *   u1    1  1  1  0          i2 = {u1, u3}       |i2| = √2
     *   u2    1  0  0  1          i3 = {u2}           |i3| = 1
     *   u3    0  0  1  0
     * cos(i0,i1) = 2/(√3·√2) = 0.8165   cos(i0,i2) = 1/(√3·√2) = 0.4082   cos(i0,i3) = 1/√3 = 0.5774
     * cos(i1,i2) = 1/(√2·√2) = 0.5      cos(i1,i3) = 0                     cos(i2,i3) = 0
     */
    static InteractionMatrix sample() {
        int[] u = {0, 0, 1, 1, 1, 2, 2, 3};
        int[] i = {0, 1, 0, 1, 2, 0, 3, 2};
        float[] w = {1, 5, 1, 1, 1, 1, 1, 1};
        return InteractionMatrix.of(4, 4, u, i, w, u.length);
    }

    @Test
    void neighbours_are_cosine_similar_items_best_first_and_capped() {
        ItemNeighbours table = new ItemKnn(2, true, 1).neighbours(sample());
        assertArrayEquals(new int[] {1, 3}, table.neighbours(0));
        assertArrayEquals(new float[] {0.8165f, 0.5774f}, table.similarities(0), 1e-4f);
        assertArrayEquals(new int[] {0, 2}, table.neighbours(1));
        assertArrayEquals(new float[] {0.8165f, 0.5f}, table.similarities(1), 1e-4f);
        assertArrayEquals(new int[] {0}, table.neighbours(3)); // i3 co-occurs only with i0
    }

    @Test
    void a_users_score_sums_the_similarities_from_the_users_items() {
        Scorer scorer = new ItemKnn(3, true, 2).fit(sample());
        float[] scores = new float[4];
        scorer.score(3, scores); // u3 has i2; neighbours of i2: i1 0.5, i0 0.4082
        assertArrayEquals(new float[] {0.4082f, 0.5f, 0f, 0f}, scores, 1e-4f);
        scorer.score(2, scores); // u2 has i0 and i3: i0 → i1 0.8165, i3 0.5774, i2 0.4082; i3 → i0 0.5774
        assertArrayEquals(new float[] {0.5774f, 0.8165f, 0.4082f, 0.5774f}, scores, 1e-4f);
    }

    @Test
    void weighted_cosine_uses_the_interaction_weights() {
        // u0's weight 5 on i1: i0 = (1,1,1,0), i1 = (5,1,0,0): cos = 6 / (√3·√26) = 0.6794
        ItemNeighbours table = new ItemKnn(3, false, 1).neighbours(sample());
        assertEquals(0.6794f, table.similarities(0)[table.neighbours(0)[0] == 1 ? 0 : 1], 1e-4f);
    }

    @Test
    void popularity_scores_items_by_their_number_of_users() {
        float[] scores = new float[4];
        new Popularity().fit(sample()).score(0, scores);
        assertArrayEquals(new float[] {3, 2, 2, 1}, scores);
    }
}
