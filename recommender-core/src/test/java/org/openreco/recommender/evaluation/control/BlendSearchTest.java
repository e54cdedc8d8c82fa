package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.Scorer;

class BlendSearchTest {

    @Test
    void the_search_turns_down_a_noisy_part_next_to_an_informative_one() {
        int users = 30, items = 40;
        SplittableRandom random = new SplittableRandom(3);
        int[] u = new int[users * 2], i = new int[users * 2];
        float[] w = new float[users * 2];
        for (int n = 0; n < users * 2; n++) {
            u[n] = n / 2;
            i[n] = random.nextInt(items);
            w[n] = 1;
        }
        InteractionMatrix validation = InteractionMatrix.of(users, items, u, i, w, u.length);
        InteractionMatrix train = InteractionMatrix.of(users, items, new int[0], new int[0], new float[0], 0);
        Scorer oracle = new Scorer() { // knows the validation items
            @Override
            public int itemCount() {
                return items;
            }

            @Override
            public void score(int user, float[] scores) {
                for (int item = 0; item < items; item++) {
                    scores[item] = validation.contains(user, item) ? 1 : 0;
                }
            }
        };
        Scorer noise = new Scorer() {
            @Override
            public int itemCount() {
                return items;
            }

            @Override
            public void score(int user, float[] scores) {
                SplittableRandom r = new SplittableRandom(user);
                for (int item = 0; item < items; item++) {
                    scores[item] = (float) r.nextDouble();
                }
            }
        };
        BlendSearch.Result result = BlendSearch.search(List.of(noise, oracle), train, validation, 10, BlendSearch.GRID, 3, 1);
        assertEquals(1.0, result.validationNdcg(), 1e-9);
        assertTrue(result.weights()[0] < result.weights()[1], result.toString());
    }
}
