package org.openreco.recommender.evaluation.control;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.openreco.recommender.training.control.Blend;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.Scorer;

/**
 * Finds blend weights by coordinate search on a validation split (carved from the training data, never
 * the test data): starting from equal weights, each part's weight in turn takes the grid value that
 * maximises NDCG@k of the blend, for a few rounds. Only strict improvements move a weight, so the
 * result is deterministic. The parts are trained once; their scores for the validation users are
 * computed once and cached, so each trial costs one blend and one ranking per user.
 */
public final class BlendSearch {

    /** The weights found, their validation NDCG@k, and how many weight vectors were tried. */
    public record Result(double[] weights, double validationNdcg, int trials) {
        @Override
        public String toString() {
            return "weights " + Arrays.toString(weights) + ", validation NDCG " + String.format("%.4f", validationNdcg)
                    + " (" + trials + " trials)";
        }
    }

    /** Default grid: weights are relative, so 0 (leave out) to 4× the others is plenty. */
    public static final double[] GRID = {0, 0.1, 0.25, 0.5, 1, 2, 4};

    private BlendSearch() {
    }

    /**
     * @param parts scorers trained on {@code train} (the validation split's training part)
     * @param test  the validation split's held-out part
     */
    public static Result search(List<Scorer> parts, InteractionMatrix train, InteractionMatrix test, int k,
            double[] grid, int rounds, int threads) {
        List<Scorer> cached = parts.stream().map(p -> cache(p, train, test)).toList();
        Evaluator evaluator = new Evaluator(new int[] {k}, null, threads);
        double[] weights = new double[parts.size()];
        Arrays.fill(weights, 1);
        double best = ndcg(evaluator, cached, weights, train, test, k);
        int trials = 1;
        for (int round = 0; round < rounds; round++) {
            boolean moved = false;
            for (int p = 0; p < weights.length; p++) {
                double current = weights[p];
                for (double g : grid) {
                    if (g == current) {
                        continue;
                    }
                    weights[p] = g;
                    if (Arrays.stream(weights).allMatch(w -> w == 0)) {
                        continue;
                    }
                    double value = ndcg(evaluator, cached, weights, train, test, k);
                    trials++;
                    if (value > best) {
                        best = value;
                        current = g;
                        moved = true;
                    }
                }
                weights[p] = current;
            }
            if (!moved) {
                break;
            }
        }
        return new Result(weights.clone(), best, trials);
    }

    private static double ndcg(Evaluator evaluator, List<Scorer> parts, double[] weights, InteractionMatrix train,
            InteractionMatrix test, int k) {
        return evaluator.evaluate("blend", Blend.of(parts, weights, train), train, test).at(k).ndcg();
    }

    /** The part's scores for the users with test rows, computed once (others scored on demand). */
    private static Scorer cache(Scorer part, InteractionMatrix train, InteractionMatrix test) {
        float[][] rows = new float[test.rows()][];
        IntStream.range(0, test.rows()).parallel().filter(u -> test.rowLength(u) > 0).forEach(u -> {
            float[] s = new float[part.itemCount()];
            part.score(u, s);
            rows[u] = s;
        });
        return new Scorer() {
            @Override
            public int itemCount() {
                return part.itemCount();
            }

            @Override
            public void score(int user, float[] scores) {
                if (rows[user] != null) {
                    System.arraycopy(rows[user], 0, scores, 0, scores.length);
                } else {
                    part.score(user, scores);
                }
            }
        };
    }
}
