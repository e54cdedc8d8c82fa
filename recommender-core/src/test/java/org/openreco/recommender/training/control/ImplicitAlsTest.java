package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.training.boundary.AlsParameters;

class ImplicitAlsTest {

    static final int USERS_PER_GROUP = 40, ITEMS_PER_GROUP = 30;
    static final AlsParameters SMALL = new AlsParameters(8, 0.1, 10, 10, 3, 7, 1);
    /**
     * λ must match the size of the data: with λ 0.1 (or 1) the 8 factors are free to memorise each
     * user's random half of the group (the unseen half is trained as p = 0 just like the other group),
     * and the ranking of the other group's items against the unseen half becomes noise.
     */
    static final AlsParameters REGULARISED = SMALL.withRegularization(10);

    /**
     * Two user groups × two item groups: each user of group g has a random half of group g's items and
     * nothing of the other group. Users 0..39 are group 0 (items 0..29), users 40..79 group 1 (items 30..59).
     */
    static InteractionMatrix planted() {
        SplittableRandom random = new SplittableRandom(1);
        int users = 2 * USERS_PER_GROUP, items = 2 * ITEMS_PER_GROUP;
        int[] u = new int[users * items], i = new int[users * items];
        float[] w = new float[users * items];
        int n = 0;
        for (int user = 0; user < users; user++) {
            int group = user / USERS_PER_GROUP;
            for (int item = group * ITEMS_PER_GROUP; item < (group + 1) * ITEMS_PER_GROUP; item++) {
                if (random.nextBoolean()) {
                    u[n] = user;
                    i[n] = item;
                    w[n++] = 1 + random.nextInt(3);
                }
            }
        }
        return InteractionMatrix.of(users, items, u, i, w, n);
    }

    static List<Double> losses(AlsParameters parameters, InteractionMatrix m) {
        List<Double> losses = new ArrayList<>();
        new ImplicitAls(parameters, (epoch, loss, nanos) -> losses.add(loss)).fit(m);
        return losses;
    }

    @Test
    void the_loss_decreases_every_epoch_with_conjugate_gradient_and_with_cholesky() {
        for (AlsParameters parameters : List.of(SMALL, SMALL.withCgSteps(0), SMALL.withThreads(2).withIterations(20))) {
            List<Double> losses = losses(parameters, planted());
            assertEquals(parameters.iterations(), losses.size());
            for (int e = 1; e < losses.size(); e++) {
                assertTrue(losses.get(e) < losses.get(e - 1), parameters + ": epoch " + (e + 1) + " " + losses);
            }
        }
    }

    @Test
    void the_reported_loss_equals_the_loss_summed_over_every_cell() {
        InteractionMatrix m = planted();
        AlsParameters p = SMALL.withIterations(3);
        List<Double> reported = losses(p, m);
        AlsModel model = new ImplicitAls(p).fit(m);
        // brute force: Σ over all users × items of c (p − x·y)² + λ(‖X‖² + ‖Y‖²)
        double loss = 0;
        for (int user = 0; user < m.rows(); user++) {
            float[] x = model.userVector(user);
            for (int item = 0; item < m.cols(); item++) {
                double s = dot(x, model.itemVector(item));
                double c = 1, pref = 0;
                for (int e = m.rowStart(user); e < m.rowEnd(user); e++) {
                    if (m.column(e) == item) {
                        c = 1 + p.alpha() * m.value(e);
                        pref = 1;
                    }
                }
                loss += c * (pref - s) * (pref - s);
            }
            loss += p.regularization() * dot(x, x);
        }
        for (int item = 0; item < m.cols(); item++) {
            loss += p.regularization() * dot(model.itemVector(item), model.itemVector(item));
        }
        assertEquals(loss, reported.getLast(), loss * 1e-5);
        assertEquals(loss, new ImplicitAls(p).loss(m, model), loss * 1e-5);
    }

    @Test
    void held_out_items_of_the_users_own_group_rank_above_every_item_of_the_other_group() {
        InteractionMatrix m = planted();
        AlsModel model = new ImplicitAls(REGULARISED).fit(m);
        float[] scores = new float[m.cols()];
        for (int user = 0; user < m.rows(); user++) {
            model.score(user, scores);
            int group = user / USERS_PER_GROUP;
            float worstOwnUnseen = Float.POSITIVE_INFINITY, bestOther = Float.NEGATIVE_INFINITY;
            for (int item = 0; item < m.cols(); item++) {
                if (item / ITEMS_PER_GROUP == group) {
                    if (!m.contains(user, item)) {
                        worstOwnUnseen = Math.min(worstOwnUnseen, scores[item]);
                    }
                } else {
                    bestOther = Math.max(bestOther, scores[item]);
                }
            }
            assertTrue(worstOwnUnseen > bestOther, "user " + user + ": " + worstOwnUnseen + " ≤ " + bestOther);
        }
    }

    @Test
    void equal_seeds_give_equal_factors_whatever_the_number_of_threads() {
        InteractionMatrix m = planted();
        AlsModel one = new ImplicitAls(SMALL.withThreads(1)).fit(m);
        AlsModel two = new ImplicitAls(SMALL.withThreads(2)).fit(m);
        AlsModel again = new ImplicitAls(SMALL.withThreads(1)).fit(m);
        for (int user = 0; user < m.rows(); user++) {
            assertArrayEquals(one.userVector(user), two.userVector(user));
            assertArrayEquals(one.userVector(user), again.userVector(user));
        }
        AlsModel otherSeed = new ImplicitAls(SMALL.withSeed(8)).fit(m);
        assertTrue(one.userVector(0)[0] != otherSeed.userVector(0)[0]);
    }

    @Test
    void a_folded_in_user_minimises_the_loss_against_the_fixed_item_factors() {
        InteractionMatrix m = planted();
        AlsParameters p = REGULARISED;
        AlsModel model = new ImplicitAls(p).fit(m);
        int[] items = {31, 35, 40, 52};
        float[] weights = {1, 2, 1, 3};
        float[] x = model.foldIn(items, weights);
        // gradient of Σ_i c_i (p_i − x·y_i)² + λ‖x‖² over ALL items, by brute force: must vanish
        double[] gradient = new double[p.factors()];
        for (int item = 0; item < m.cols(); item++) {
            float[] y = model.itemVector(item);
            double c = 1, pref = 0;
            for (int n = 0; n < items.length; n++) {
                if (items[n] == item) {
                    c = 1 + p.alpha() * weights[n];
                    pref = 1;
                }
            }
            double residual = dot(x, y) - pref;
            for (int f = 0; f < y.length; f++) {
                gradient[f] += c * residual * y[f];
            }
        }
        for (int f = 0; f < x.length; f++) {
            gradient[f] += p.regularization() * x[f];
            assertEquals(0, gradient[f], 1e-4, "gradient " + f);
        }
        // and the folded-in user of group 1's items prefers group 1
        float[] scores = new float[m.cols()];
        model.score(x, scores);
        int[] top = TopK.select(scores, 10);
        for (int item : top) {
            assertTrue(item >= ITEMS_PER_GROUP, "item " + item);
        }
    }

    @Test
    void the_woodbury_solve_of_a_short_row_equals_the_cholesky_solve() {
        int k = 6, items = 9;
        SplittableRandom random = new SplittableRandom(11);
        float[] y = new float[items * k];
        for (int n = 0; n < y.length; n++) {
            y[n] = (float) random.nextGaussian();
        }
        double lambda = 0.5, alpha = 4;
        double[] gram;
        try (Parallel parallel = new Parallel(1)) {
            gram = ImplicitAls.gram(y, items, k, parallel, new int[] {0, items});
        }
        int[] row = {2, 5, 7};
        float[] weights = {1, 0.5f, 3};
        InteractionMatrix m = InteractionMatrix.of(1, items, new int[3], row, weights, 3);
        float[] target = new float[k];
        ImplicitAls.woodbury(m, 0, target, y, ImplicitAls.regularisedInverse(gram, lambda, k), alpha, k,
                new double[3 * k], new double[k * k], new double[k], new double[k]);
        float[] exact = new AlsModel(k, 1, items, new float[k], y, gram, lambda, alpha).foldIn(row, weights);
        assertArrayEquals(exact, target, 1e-5f);
    }

    @Test
    void users_and_items_without_interactions_get_zero_vectors_and_recommendations_skip_seen_items() {
        // user 2 and item 3 have nothing
        InteractionMatrix m = InteractionMatrix.of(3, 4, new int[] {0, 0, 1}, new int[] {0, 1, 2}, new float[] {1, 1, 1}, 3);
        for (AlsParameters p : List.of(SMALL, SMALL.withCgSteps(0))) {
            AlsModel model = new ImplicitAls(p).fit(m);
            for (float f : model.userVector(2)) {
                assertEquals(0, f, 1e-6);
            }
            for (float f : model.itemVector(3)) {
                assertEquals(0, f, 1e-6);
            }
            for (float f : model.foldIn(new int[0], new float[0])) {
                assertEquals(0, f, 1e-9);
            }
            int[] top = model.recommend(0, 4, m);
            assertEquals(2, top.length, "items 0 and 1 are user 0's own");
            assertTrue(top[0] == 2 || top[0] == 3);
        }
    }

    @Test
    void a_model_restored_from_its_stored_factors_scores_and_folds_in_alike() {
        AlsModel model = new ImplicitAls(REGULARISED).fit(planted());
        AlsModel restored = AlsModel.restore(model.factors(), model.userFactors(), model.itemFactors(),
                model.regularization(), model.alpha());
        int[] items = {3, 7, 11};
        float[] weights = {1, 1, 2};
        assertArrayEquals(model.foldIn(items, weights), restored.foldIn(items, weights), 1e-6f);
        float[] a = new float[model.itemCount()], b = new float[model.itemCount()];
        model.score(5, a);
        restored.score(5, b);
        assertArrayEquals(a, b);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int f = 0; f < a.length; f++) {
            s += a[f] * b[f];
        }
        return s;
    }
}
