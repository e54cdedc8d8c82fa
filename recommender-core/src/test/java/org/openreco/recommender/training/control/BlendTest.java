package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlendTest {

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

    @Test
    void parts_are_min_max_normalised_over_the_users_candidates_then_weighted() {
        // user 0 has item 0, whose huge score must not squash the candidates' range
        InteractionMatrix train = InteractionMatrix.of(1, 4, new int[] {0}, new int[] {0}, new float[] {1}, 1);
        Scorer counts = fixed(1000, 10, 20, 30);   // candidates 10..30 → 0, 0.5, 1
        Scorer cosines = fixed(0, 0.9f, 0.1f, 0.5f); // candidates 0.1..0.9 → 1, 0, 0.5
        float[] scores = new float[4];
        Blend.of(List.of(counts, cosines), new double[] {1, 2}, train).score(0, scores);
        // item 1: 1·0 + 2·1 = 2; item 2: 1·0.5 + 2·0 = 0.5; item 3: 1·1 + 2·0.5 = 2
        assertArrayEquals(new float[] {2, 0.5f, 2}, new float[] {scores[1], scores[2], scores[3]}, 1e-6f);
    }

    @Test
    void content_scores_are_cosines_with_the_users_taste() {
        float[][] vectors = {{1, 0}, {0, 1}, {1, 1}, null};
        InteractionMatrix train = InteractionMatrix.of(1, 4, new int[] {0}, new int[] {0}, new float[] {1}, 1);
        float[] scores = new float[4];
        new ContentBased(vectors).fit(train).score(0, scores);
        assertArrayEquals(new float[] {1, 0, 0.7071f, 0}, scores, 1e-4f);
    }
}
