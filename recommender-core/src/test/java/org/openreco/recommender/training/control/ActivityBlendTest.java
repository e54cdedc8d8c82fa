package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActivityBlendTest {

    @Test
    void a_history_falls_into_the_first_bucket_whose_upper_bound_exceeds_its_length() {
        int[] bounds = {10, 30, 100};
        assertEquals(0, ActivityBlend.bucket(0, bounds));
        assertEquals(0, ActivityBlend.bucket(9, bounds));
        assertEquals(1, ActivityBlend.bucket(10, bounds));
        assertEquals(1, ActivityBlend.bucket(29, bounds));
        assertEquals(2, ActivityBlend.bucket(30, bounds));
        assertEquals(3, ActivityBlend.bucket(100, bounds));
        assertEquals(3, ActivityBlend.bucket(5000, bounds));
    }

    @Test
    void each_user_is_scored_with_the_weights_of_the_bucket_of_their_history_length() {
        // user 0 has one item (bucket 0: < 2), user 1 has two (bucket 1)
        InteractionMatrix train = InteractionMatrix.of(2, 4, new int[] {0, 1, 1}, new int[] {0, 0, 1},
                new float[] {1, 1, 1}, 3);
        Scorer a = BlendTest.fixed(0, 0, 1, 2);
        Scorer b = BlendTest.fixed(0, 0, 2, 1);
        double[][] weights = {{1, 0}, {0, 1}};
        Scorer blend = ActivityBlend.of(List.of(a, b), new int[] {2}, weights, train, ScoreNormalisation.MIN_MAX);
        float[] light = new float[4], heavy = new float[4];
        blend.score(0, light);
        blend.score(1, heavy);
        // user 0: only a, min–max over items 1..3 (0, 1, 2) → 0, 0.5, 1; user 1: only b over items 2..3 (2, 1) → 1, 0
        assertArrayEquals(new float[] {0, 0.5f, 1}, new float[] {light[1], light[2], light[3]}, 1e-6f);
        assertArrayEquals(new float[] {1, 0}, new float[] {heavy[2], heavy[3]}, 1e-6f);
    }

    @Test
    void one_weight_vector_per_bucket_is_required() {
        assertThrows(IllegalArgumentException.class, () -> new ActivityBlend(List.of(new Popularity()), new int[] {10},
                new double[][] {{1}}, ScoreNormalisation.MIN_MAX));
    }
}
