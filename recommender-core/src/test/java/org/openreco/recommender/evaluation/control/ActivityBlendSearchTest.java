package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.Scorer;
import org.openreco.recommender.training.control.ScoreNormalisation;

class ActivityBlendSearchTest {

    @Test
    void each_bucket_keeps_the_part_that_knows_its_users_and_drops_the_other() {
        // users 0..9 have 1 training item (light: item 0), users 10..19 have 3 (heavy: items 0, 11, 12); each
        // user's one validation item is 3 + user % 7. Part "light" knows the light users' item, part "heavy"
        // the heavy users'; for the other users each part scores item 1 (never relevant) highest, which wins
        // ties by its lower index: with equal weights nobody gets their item first.
        int users = 20, items = 13;
        int[] heavyItems = {0, 11, 12};
        int[] u = new int[40], i = new int[40];
        float[] w = new float[40];
        int n = 0;
        for (int user = 0; user < users; user++) {
            for (int t = 0; t < (user < 10 ? 1 : 3); t++) {
                u[n] = user;
                i[n] = heavyItems[t];
                w[n++] = 1;
            }
        }
        InteractionMatrix train = InteractionMatrix.of(users, items, u, i, w, n);
        int[] vu = new int[users], vi = new int[users];
        float[] vw = new float[users];
        for (int user = 0; user < users; user++) {
            vu[user] = user;
            vi[user] = 3 + user % 7;
            vw[user] = 1;
        }
        InteractionMatrix validation = InteractionMatrix.of(users, items, vu, vi, vw, users);
        Scorer light = knowing(validation, items, user -> user < 10);
        Scorer heavy = knowing(validation, items, user -> user >= 10);

        BlendSearch.BucketResult r = BlendSearch.searchByActivity(List.of(light, heavy), train, validation, 1,
                new double[] {0, 1}, 2, 1, ScoreNormalisation.MIN_MAX, new int[] {2}, new double[] {1, 1});

        assertArrayEquals(new int[] {10, 10}, r.users());
        assertArrayEquals(new double[] {1, 0}, r.weights()[0]);
        assertArrayEquals(new double[] {0, 1}, r.weights()[1]);
        assertEquals(1.0, r.validationNdcg(), 1e-9, "every user's item first");
        assertEquals("< 2", BlendSearch.bucketLabel(new int[] {2}, 0));
        assertEquals("10–29", BlendSearch.bucketLabel(new int[] {10, 30, 100}, 1));
        assertEquals("≥ 100", BlendSearch.bucketLabel(new int[] {10, 30, 100}, 3));
    }

    /** Scores the user's validation item 1 where it knows the user, else item 1 (never relevant) 1. */
    private static Scorer knowing(InteractionMatrix validation, int items, java.util.function.IntPredicate knows) {
        return new Scorer() {
            @Override
            public int itemCount() {
                return items;
            }

            @Override
            public void score(int user, float[] scores) {
                java.util.Arrays.fill(scores, 0f);
                scores[knows.test(user) ? validation.column(validation.rowStart(user)) : 1] = 1;
            }
        };
    }
}
