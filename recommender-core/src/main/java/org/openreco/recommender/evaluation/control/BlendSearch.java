package org.openreco.recommender.evaluation.control;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.concurrent.ForkJoinPool;
import org.openreco.recommender.ranking.BlendWeights;
import org.openreco.recommender.ranking.Ranked;
import org.openreco.recommender.ranking.RankingModel;
import org.openreco.recommender.ranking.RankingPipeline;
import org.openreco.recommender.ranking.SourceLists;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.openreco.recommender.training.control.ActivityBlend;
import org.openreco.recommender.training.control.Blend;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.Scorer;
import org.openreco.recommender.training.control.ScoreNormalisation;

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
        double[] start = new double[parts.size()];
        Arrays.fill(start, 1);
        return coordinateSearch(cached, ScoreNormalisation.MIN_MAX, train, test, k, grid, rounds, threads, start);
    }

    /**
     * The same search for a blend that normalises its parts by {@code normalisation}. The parts' scores are
     * normalised once per user and cached (normalisation does not depend on the weights), so rank-based
     * normalisations cost no more per trial than min–max.
     */
    public static Result search(List<Scorer> parts, InteractionMatrix train, InteractionMatrix test, int k,
            double[] grid, int rounds, int threads, ScoreNormalisation normalisation) {
        List<Scorer> cached = normalisedCache(parts, train, test, normalisation);
        double[] start = new double[parts.size()];
        Arrays.fill(start, 1);
        return coordinateSearch(cached, ScoreNormalisation.NONE, train, test, k, grid, rounds, threads, start);
    }

    /**
     * The search over the ranking pipeline's own blend ({@link RankingPipeline}): each source's candidates
     * for the validation users are found once, each trial re-blends them with its weights and fills the
     * list as serving does, so the weights are tuned on exactly what storefronts get. Only the
     * {@code available} sources are searched; the others keep weight 0.
     */
    static Result searchPipeline(SplitRanking ranking, InteractionMatrix train, InteractionMatrix test, int k,
            double[] grid, int rounds, int threads, java.util.function.Predicate<org.openreco.recommender.recommendations.entity.Source> available) {
        RankingModel model = ranking.model();
        BlendWeights every = new BlendWeights(1, 1, 1, 1, 1, 1);
        int[] users = IntStream.range(0, test.rows()).filter(u -> test.rowLength(u) > 0).toArray();
        SourceLists[] lists = new SourceLists[users.length];
        BitSet[] seen = new BitSet[users.length];
        int perSource = RankingPipeline.CANDIDATES_PER_RESULT * k;
        try (ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads))) {
            pool.submit(() -> IntStream.range(0, users.length).parallel().forEach(n -> {
                var user = ranking.user(users[n]);
                seen[n] = new BitSet(model.items());
                for (int i : user.seen()) {
                    seen[n].set(i);
                }
                BitSet s = seen[n];
                lists[n] = RankingPipeline.candidates(model, user, i -> !s.get(i), perSource, null, every);
            })).join();
            // a source the model lacks (no vectors, EASE skipped) proposes nothing: its weight stays 0
            double[] weights = new double[BlendWeights.SOURCES.length];
            for (int p = 0; p < weights.length; p++) {
                weights[p] = available.test(BlendWeights.SOURCES[p]) ? 1 : 0;
            }
            java.util.function.ToDoubleFunction<double[]> ndcg = w -> {
                var blend = BlendWeights.of(w);
                return pool.submit(() -> IntStream.range(0, users.length).parallel().mapToDouble(n -> {
                    int user = users[n];
                    boolean[] relevant = new boolean[model.items()];
                    int count = 0;
                    for (int e = test.rowStart(user); e < test.rowEnd(user); e++) {
                        if (!seen[n].get(test.column(e)) && !relevant[test.column(e)]) {
                            relevant[test.column(e)] = true;
                            count++;
                        }
                    }
                    if (count == 0) {
                        return Double.NaN;
                    }
                    var shown = new ArrayList<>(RankingPipeline.blend(lists[n], blend).stream().limit(k).toList());
                    BitSet s = seen[n];
                    RankingPipeline.fill(model, i -> !s.get(i), k, shown);
                    return RankingMetrics.ndcg(shown.stream().mapToInt(Ranked::item).toArray(), relevant, count, k);
                }).filter(v -> !Double.isNaN(v)).average().orElse(0)).join();
            };
            return coordinateSearch(ndcg, grid, rounds, weights, p -> available.test(BlendWeights.SOURCES[p]));
        }
    }

    /** Weights per activity bucket ({@link ActivityBlend}), and the whole validation NDCG of that blend. */
    public record BucketResult(int[] upperBounds, double[][] weights, int[] users, double[] bucketNdcgs,
            double validationNdcg) {
        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (int b = 0; b < weights.length; b++) {
                s.append(String.format(java.util.Locale.ROOT, "%n    history %s: %d users, weights %s, NDCG %.4f",
                        bucketLabel(upperBounds, b), users[b], Arrays.toString(weights[b]), bucketNdcgs[b]));
            }
            return String.format(java.util.Locale.ROOT, "validation NDCG %.4f", validationNdcg) + s;
        }
    }

    /** "< 10", "10–29", "≥ 100" for bucket b of the bounds. */
    public static String bucketLabel(int[] upperBounds, int b) {
        if (b == 0) {
            return "< " + upperBounds[0];
        }
        return b == upperBounds.length ? "≥ " + upperBounds[b - 1] : upperBounds[b - 1] + "–" + (upperBounds[b] - 1);
    }

    /**
     * Blend weights per bucket of training-history length: each bucket's weights are searched on the
     * validation users of that bucket alone, starting from {@code start} (the global best, so that a
     * bucket only moves away from it where its own users gain).
     */
    public static BucketResult searchByActivity(List<Scorer> parts, InteractionMatrix train, InteractionMatrix test,
            int k, double[] grid, int rounds, int threads, ScoreNormalisation normalisation, int[] upperBounds,
            double[] start) {
        List<Scorer> cached = normalisedCache(parts, train, test, normalisation);
        int buckets = upperBounds.length + 1;
        double[][] weights = new double[buckets][];
        int[] users = new int[buckets];
        double[] ndcgs = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            int bucket = b;
            InteractionMatrix bucketTest = onlyUsers(test,
                    u -> ActivityBlend.bucket(train.rowLength(u), upperBounds) == bucket);
            users[b] = (int) IntStream.range(0, bucketTest.rows()).filter(u -> bucketTest.rowLength(u) > 0).count();
            if (users[b] == 0) {
                weights[b] = start.clone();
                continue;
            }
            Result r = coordinateSearch(cached, ScoreNormalisation.NONE, train, bucketTest, k, grid, rounds, threads,
                    start);
            weights[b] = r.weights();
            ndcgs[b] = r.validationNdcg();
        }
        double whole = new Evaluator(new int[] {k}, null, threads).evaluate("blend",
                ActivityBlend.of(cached, upperBounds, weights, train, ScoreNormalisation.NONE), train, test).at(k).ndcg();
        return new BucketResult(upperBounds.clone(), weights, users, ndcgs, whole);
    }

    private static Result coordinateSearch(List<Scorer> cached, ScoreNormalisation normalisation, InteractionMatrix train,
            InteractionMatrix test, int k, double[] grid, int rounds, int threads, double[] start) {
        Evaluator evaluator = new Evaluator(new int[] {k}, null, threads);
        return coordinateSearch(w -> ndcg(evaluator, cached, w, train, test, k, normalisation), grid, rounds, start.clone(),
                p -> true);
    }

    /**
     * Each weight in turn takes the grid value that maximises the objective, for a few rounds; only strict
     * improvements move a weight (deterministic), and all-zero weights are never tried.
     */
    private static Result coordinateSearch(java.util.function.ToDoubleFunction<double[]> objective, double[] grid, int rounds,
            double[] weights, java.util.function.IntPredicate searched) {
        double best = objective.applyAsDouble(weights);
        int trials = 1;
        for (int round = 0; round < rounds; round++) {
            boolean moved = false;
            for (int p = 0; p < weights.length; p++) {
                if (!searched.test(p)) {
                    continue;
                }
                double current = weights[p];
                for (double g : grid) {
                    if (g == current) {
                        continue;
                    }
                    weights[p] = g;
                    if (Arrays.stream(weights).allMatch(w -> w == 0)) {
                        continue;
                    }
                    double value = objective.applyAsDouble(weights);
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

    /** The test matrix's rows of the users that pass, others emptied (dimensions kept). */
    static InteractionMatrix onlyUsers(InteractionMatrix m, IntPredicate keep) {
        int[] u = new int[m.nonZeros()], i = new int[m.nonZeros()];
        float[] w = new float[m.nonZeros()];
        int n = 0;
        for (int r = 0; r < m.rows(); r++) {
            if (!keep.test(r)) {
                continue;
            }
            for (int e = m.rowStart(r); e < m.rowEnd(r); e++) {
                u[n] = r;
                i[n] = m.column(e);
                w[n++] = m.value(e);
            }
        }
        return InteractionMatrix.of(m.rows(), m.cols(), u, i, w, n);
    }

    /** Each part's scores for the users with test rows, normalised and computed once (others on demand). */
    private static List<Scorer> normalisedCache(List<Scorer> parts, InteractionMatrix train, InteractionMatrix test,
            ScoreNormalisation normalisation) {
        return parts.stream().map(p -> cache(new Scorer() {
            @Override
            public int itemCount() {
                return p.itemCount();
            }

            @Override
            public void score(int user, float[] scores) {
                p.score(user, scores);
                normalisation.apply(scores, train, user);
            }
        }, train, test)).toList();
    }

    private static double ndcg(Evaluator evaluator, List<Scorer> parts, double[] weights, InteractionMatrix train,
            InteractionMatrix test, int k, ScoreNormalisation normalisation) {
        return evaluator.evaluate("blend", Blend.of(parts, weights, train, normalisation), train, test).at(k).ndcg();
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
