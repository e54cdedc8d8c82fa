package org.openreco.recommender.evaluation.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.openreco.recommender.evaluation.boundary.AlgorithmMetrics;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;
import org.openreco.recommender.ranking.RankingModel;
import org.openreco.recommender.training.control.Algorithm;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.Scorer;
import org.openreco.recommender.training.control.TopK;

/**
 * The one evaluator every algorithm goes through. Full ranking: for each test user, every item that
 * is not among the user's training items is a candidate (no sampled negatives); the candidates are
 * ranked by the scorer, ties by lower item index. The relevant items are the user's test items that
 * are not training items (a repeated pair cannot be recommended again). Users with test rows but no
 * such item are skipped from every mean and counted. Users are ranked in parallel; results are
 * summed in user order, so they do not depend on the threads.
 */
public final class Evaluator {

    private final int[] cutoffs;
    private final int maxK;
    private final float[][] unitVectors;
    private final int threads;

    /**
     * @param cutoffs     the K of the metrics, e.g. {10} or {5, 10, 20}
     * @param itemVectors per item index a vector for intra-list diversity, null entries allowed; null:
     *                    diversity is not computed (NaN)
     * @param threads     ≤ 0: all processors
     */
    public Evaluator(int[] cutoffs, float[][] itemVectors, int threads) {
        if (cutoffs.length == 0 || Arrays.stream(cutoffs).anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("cut-offs must be ≥ 1");
        }
        this.cutoffs = cutoffs.clone();
        this.maxK = Arrays.stream(cutoffs).max().getAsInt();
        this.unitVectors = itemVectors == null ? null : unit(itemVectors);
        this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    public Evaluator(int... cutoffs) {
        this(cutoffs, null, 0);
    }

    /** Trains the algorithm on the split's training rows and evaluates it on its test rows. */
    public AlgorithmMetrics evaluate(Algorithm algorithm, Split split) {
        InteractionMatrix train = split.trainMatrix();
        long start = System.nanoTime();
        Scorer scorer = algorithm.fit(train);
        long trainMillis = (System.nanoTime() - start) / 1_000_000;
        AlgorithmMetrics metrics = evaluate(algorithm.name(), scorer, train, split.testMatrix());
        return new AlgorithmMetrics(metrics.algorithm(), metrics.atK(), metrics.mrr(), metrics.users(),
                metrics.skippedUsers(), trainMillis, metrics.rankMillis(), metrics.userNdcg());
    }

    /** Evaluates a trained scorer; train and test are users × items matrices of the same dimensions. */
    public AlgorithmMetrics evaluate(String name, Scorer scorer, InteractionMatrix train, InteractionMatrix test) {
        int items = train.cols();
        return evaluate(name, train, test, (user, relevant) -> {
            float[] scores = new float[items];
            scorer.score(user, scores);
            for (int i = 0; i < items; i++) { // a scorer's NaN would drop an item silently: rank it last
                if (scores[i] != scores[i]) {
                    scores[i] = Float.NEGATIVE_INFINITY;
                }
            }
            for (int e = train.rowStart(user); e < train.rowEnd(user); e++) {
                scores[train.column(e)] = Float.NaN; // not a candidate
            }
            return new Ranking(TopK.select(scores, maxK), 1.0 / fullRank(scores, relevant));
        });
    }

    /**
     * A ranker that gives a list instead of a score per item (the ranking pipeline): it ranks for a test
     * user of {@code train} (leaving out the user's training items itself); reciprocal rank counts within
     * its list of {@link #maxK()} items (0 when no relevant item is in it).
     */
    @FunctionalInterface
    public interface Ranker {
        int[] rank(int user, int k);
    }

    /** Evaluates a ranker's lists; train and test are users × items matrices of the same dimensions. */
    public AlgorithmMetrics evaluate(String name, Ranker ranker, InteractionMatrix train, InteractionMatrix test) {
        return evaluate(name, train, test, (user, relevant) -> {
            int[] ranked = ranker.rank(user, maxK);
            double reciprocal = 0;
            for (int r = 0; r < ranked.length; r++) {
                if (relevant[ranked[r]]) {
                    reciprocal = 1.0 / (r + 1);
                    break;
                }
            }
            return new Ranking(ranked, reciprocal);
        });
    }

    /** The longest cut-off: how many items a ranker is asked for. */
    public int maxK() {
        return maxK;
    }

    private record Ranking(int[] items, double reciprocalRank) {
    }

    private interface UserRanking {
        Ranking rank(int user, boolean[] relevant);
    }

    private AlgorithmMetrics evaluate(String name, InteractionMatrix train, InteractionMatrix test, UserRanking ranking) {
        long start = System.nanoTime();
        int items = train.cols();
        int[] itemUsers = train.columnCounts();
        int trainUsers = 0;
        for (int u = 0; u < train.rows(); u++) {
            trainUsers += train.rowLength(u) > 0 ? 1 : 0;
        }
        int usersWithTraining = Math.max(1, trainUsers);
        int[] testUsers = IntStream.range(0, test.rows()).filter(u -> test.rowLength(u) > 0).toArray();
        int perK = PER_K;
        double[][] perUser = new double[testUsers.length][];
        int[][] lists = new int[testUsers.length][];
        IntStream users = IntStream.range(0, testUsers.length).parallel();
        try (ForkJoinPool pool = new ForkJoinPool(threads)) {
            pool.submit(() -> users.forEach(n -> {
                int user = testUsers[n];
                boolean[] relevant = new boolean[items];
                int relevantCount = 0;
                for (int e = test.rowStart(user); e < test.rowEnd(user); e++) {
                    int item = test.column(e);
                    if (!train.contains(user, item)) {
                        relevant[item] = true;
                        relevantCount++;
                    }
                }
                if (relevantCount == 0) {
                    return; // skipped: perUser[n] stays null
                }
                Ranking answer = ranking.rank(user, relevant);
                int[] ranked = answer.items();
                double[] values = new double[cutoffs.length * perK + 1];
                values[values.length - 1] = answer.reciprocalRank();
                lists[n] = ranked;
                for (int c = 0; c < cutoffs.length; c++) {
                    int k = cutoffs[c], at = c * perK;
                    values[at] = RankingMetrics.precision(ranked, relevant, k);
                    values[at + 1] = RankingMetrics.recall(ranked, relevant, relevantCount, k);
                    values[at + 2] = RankingMetrics.ndcg(ranked, relevant, relevantCount, k);
                    values[at + 3] = RankingMetrics.averagePrecision(ranked, relevant, relevantCount, k);
                    values[at + 4] = RankingMetrics.reciprocalRank(ranked, relevant, k);
                    values[at + 5] = RankingMetrics.hitRate(ranked, relevant, k);
                    values[at + 6] = RankingMetrics.novelty(ranked, k, itemUsers, usersWithTraining);
                    values[at + 7] = unitVectors == null ? Double.NaN
                            : RankingMetrics.intraListDiversity(ranked, k, unitVectors);
                    values[at + 8] = RankingMetrics.f1(values[at], values[at + 1]);
                }
                perUser[n] = values;
            })).join();
        }
        int evaluated = 0;
        double[] sums = new double[cutoffs.length * perK + 1];
        int[] diversityCounts = new int[cutoffs.length];
        for (double[] values : perUser) {
            if (values == null) {
                continue;
            }
            evaluated++;
            for (int m = 0; m < sums.length; m++) {
                if (m % perK == 7 && m < cutoffs.length * perK) { // diversity: only lists that have one
                    if (!Double.isNaN(values[m])) {
                        sums[m] += values[m];
                        diversityCounts[m / perK]++;
                    }
                } else {
                    sums[m] += values[m];
                }
            }
        }
        List<MetricsAtK> atK = new ArrayList<>();
        double d = Math.max(1, evaluated);
        for (int c = 0; c < cutoffs.length; c++) {
            int at = c * perK;
            atK.add(new MetricsAtK(cutoffs[c], sums[at] / d, sums[at + 1] / d, sums[at + 2] / d, sums[at + 3] / d,
                    sums[at + 4] / d, sums[at + 5] / d, coverage(lists, cutoffs[c], items), sums[at + 6] / d,
                    diversityCounts[c] == 0 ? Double.NaN : sums[at + 7] / diversityCounts[c], sums[at + 8] / d,
                    intervals(perUser, at)));
        }
        double[][] userNdcg = new double[cutoffs.length][perUser.length];
        for (int c = 0; c < cutoffs.length; c++) {
            for (int n = 0; n < perUser.length; n++) {
                userNdcg[c][n] = perUser[n] == null ? Double.NaN : perUser[n][c * perK + 2];
            }
        }
        long rankMillis = (System.nanoTime() - start) / 1_000_000;
        return new AlgorithmMetrics(name, atK, sums[sums.length - 1] / d, evaluated, testUsers.length - evaluated, 0,
                rankMillis, userNdcg);
    }

    /** Per-user values at one cut-off: {@link #INTERVAL_METRICS} and their offsets in a user's values. */
    private static final int PER_K = 9; // precision, recall, ndcg, map, mrr, hit, novelty, diversity, f1
    static final String[] INTERVAL_METRICS = {"precision", "recall", "f1", "ndcg", "map", "mrr", "hitRate"};
    private static final int[] INTERVAL_OFFSETS = {0, 1, 8, 2, 3, 4, 5};

    /** The 95 % bootstrap interval over the evaluated users of each mean-over-users metric at one cut-off. */
    private static java.util.Map<String, double[]> intervals(double[][] perUser, int at) {
        double[][] values = Arrays.stream(perUser).filter(java.util.Objects::nonNull).map(v -> {
            double[] picked = new double[INTERVAL_OFFSETS.length];
            for (int m = 0; m < picked.length; m++) {
                picked[m] = v[at + INTERVAL_OFFSETS[m]];
            }
            return picked;
        }).toArray(double[][]::new);
        double[][] bounds = Bootstrap.intervals(values, INTERVAL_METRICS.length);
        var intervals = new java.util.LinkedHashMap<String, double[]>();
        for (int m = 0; m < INTERVAL_METRICS.length; m++) {
            intervals.put(INTERVAL_METRICS[m], bounds[m]);
        }
        return intervals;
    }

    /**
     * 1-based rank of the best relevant item among all candidates (NaN = not a candidate): one more than
     * the number of candidates ranked before it. O(items), no sort.
     */
    static int fullRank(float[] scores, boolean[] relevant) {
        int best = -1;
        for (int i = 0; i < scores.length; i++) {
            if (relevant[i] && (best < 0 || scores[i] > scores[best])) { // strict: ties keep the lower index
                best = i;
            }
        }
        float s = scores[best];
        int before = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > s || (scores[i] == s && i < best)) {
                before++;
            }
        }
        return before + 1;
    }

    /** Distinct items in the first k places of all lists, over all items. */
    static double coverage(int[][] lists, int k, int items) {
        boolean[] shown = new boolean[items];
        int distinct = 0;
        for (int[] list : lists) {
            if (list == null) {
                continue;
            }
            for (int r = 0; r < Math.min(k, list.length); r++) {
                if (!shown[list[r]]) {
                    shown[list[r]] = true;
                    distinct++;
                }
            }
        }
        return (double) distinct / items;
    }

    static float[][] unit(float[][] vectors) {
        return RankingModel.unit(vectors);
    }
}
