package org.openreco.recommender.evaluation.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.openreco.recommender.evaluation.boundary.AlgorithmMetrics;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;
import org.openreco.recommender.training.boundary.AlsParameters;
import org.openreco.recommender.training.control.Algorithm;
import org.openreco.recommender.training.control.Blend;
import org.openreco.recommender.training.control.ContentBased;
import org.openreco.recommender.training.control.ImplicitAls;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.ItemKnn;
import org.openreco.recommender.training.control.Popularity;
import org.openreco.recommender.training.control.Scorer;

/**
 * The offline evaluation on the public data sets, without a server or database (bin/evaluate-offline).
 * Per data set: ratings ≥ threshold become positives, a random per-user 80/20 split (seed 42), a
 * validation split (20 % of each user's training rows, seed 43) on which iALS and item-kNN are tuned
 * and the hybrid's weights searched, then every algorithm trained on the whole training part and
 * evaluated by the one {@link Evaluator} on the test part (full ranking).
 *
 * <p>Arguments: {@code [--datasets=DIR] [--only=ml|amazon] [--k=10,20] [--no-tune] [--split=random|last:N]
 * [--synthetic=250000,500000,1000000] [--threads=N]}.
 */
public final class OfflineEvaluation {

    static final long SEED = 42;
    static final double TEST_RATIO = 0.2;
    static final int K = 10;

    private final int[] cutoffs;
    private final boolean tune;
    private final int threads;
    /** 0: random per-user holdout; n > 0: per-user leave-last-n-out by time (validation the same within training). */
    private final int leaveLast;

    OfflineEvaluation(int[] cutoffs, boolean tune, int threads, int leaveLast) {
        this.cutoffs = cutoffs;
        this.tune = tune;
        this.threads = threads;
        this.leaveLast = leaveLast;
    }

    public static void main(String[] args) throws IOException {
        Path datasets = Path.of(System.getenv().getOrDefault("RECOMMENDER_DATASETS", "../shared/datasets"));
        String only = null, synthetic = null;
        int[] cutoffs = {K};
        boolean tune = true;
        int threads = 0, leaveLast = 0;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--datasets=")) {
                datasets = Path.of(value);
            } else if (arg.startsWith("--only=")) {
                only = value;
            } else if (arg.startsWith("--k=")) {
                cutoffs = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (arg.equals("--no-tune")) {
                tune = false;
            } else if (arg.startsWith("--synthetic=")) {
                synthetic = value;
            } else if (arg.startsWith("--split=")) {
                leaveLast = value.equals("random") ? 0 : Integer.parseInt(value.substring("last:".length()));
            } else if (arg.startsWith("--threads=")) {
                threads = Integer.parseInt(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (Arrays.stream(cutoffs).noneMatch(k -> k == K)) {
            cutoffs = Arrays.copyOf(cutoffs, cutoffs.length + 1);
            cutoffs[cutoffs.length - 1] = K;
        }
        OfflineEvaluation run = new OfflineEvaluation(cutoffs, tune, threads, leaveLast);
        out("== machine: %d processors (Runtime.availableProcessors), JVM %s, max heap %d MB; threads %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, threads <= 0 ? "all" : threads);
        if (synthetic != null) {
            run.synthetic(Arrays.stream(synthetic.split(",")).mapToInt(Integer::parseInt).toArray());
            return;
        }
        Path ml = datasets.resolve("ml-latest-small");
        if ((only == null || only.equals("ml")) && Files.exists(ml.resolve("ratings.csv"))) {
            InteractionLog log = DataSets.movieLens(ml, 3.5);
            run.evaluate("ml-latest-small (ratings.csv, rating ≥ 3.5 → positive of weight 1)", log,
                    DataSets.movieLensGenres(ml, log.itemIds()));
        }
        Path amazon = datasets.resolve("amazon-2018-magazine-subscriptions/Magazine_Subscriptions.csv");
        if ((only == null || only.equals("amazon")) && Files.exists(amazon)) {
            run.evaluate("amazon-2018-magazine-subscriptions (Magazine_Subscriptions.csv, rating ≥ 4 → positive of weight 1)",
                    DataSets.amazonRatings(amazon, 4), null);
        }
    }

    void evaluate(String title, InteractionLog log, float[][] itemVectors) {
        out("%n== data set: %s", title);
        out("positives %,d, users %,d, items %,d (items with at least one positive = candidates)", log.size(),
                log.userCount(), log.itemCount());
        Split split = leaveLast > 0 ? Splitter.leaveLastOut(log, leaveLast) : Splitter.randomHoldout(log, TEST_RATIO, SEED);
        Split validation = leaveLast > 0 ? Splitter.leaveLastOut(log, split.train(), leaveLast)
                : split.validation(TEST_RATIO, SEED + 1);
        InteractionMatrix test = split.testMatrix();
        long testUsers = java.util.stream.IntStream.range(0, test.rows()).filter(u -> test.rowLength(u) > 0).count();
        String rule = leaveLast > 0
                ? "per-user leave-last-" + leaveLast + "-out by time (ties by file order; users with ≤ " + leaveLast
                        + " positives stay in training)"
                : "random per-user holdout, round(0.2·n) of each user's positives to test (≤ n−1), seed " + SEED;
        out("split: %s: train %,d, test %,d rows, %,d test users; validation: the same rule on the training rows%s "
                + "(train %,d, validation %,d)", rule, split.train().length, split.test().length, testUsers,
                leaveLast > 0 ? "" : ", seed " + (SEED + 1), validation.train().length, validation.test().length);

        AlsParameters als = AlsParameters.defaults().withThreads(threads);
        int neighbours = 100;
        if (tune) {
            out("%n-- tuning on the validation split (NDCG@%d; coordinate search, one parameter at a time)", K);
            als = tuneAls(validation, als);
            neighbours = tuneKnn(validation, neighbours);
        }
        out("chosen: iALS %s; item-kNN %d neighbours, binarised cosine", als, neighbours);

        List<Algorithm> parts = List.of(new Popularity(), new ItemKnn(neighbours, true, threads), new ImplicitAls(als));
        List<Algorithm> singles = new ArrayList<>(parts);
        if (itemVectors != null) {
            singles.add(new ContentBased(itemVectors));
        }
        InteractionMatrix validationTrain = validation.trainMatrix();
        List<Scorer> validationScorers = parts.stream().map(p -> p.fit(validationTrain)).toList();
        BlendSearch.Result blend = BlendSearch.search(validationScorers, validationTrain, validation.testMatrix(), K,
                BlendSearch.GRID, 3, threads);
        out("hybrid of popularity, item-kNN, iALS: %s", blend);

        Evaluator evaluator = new Evaluator(cutoffs, itemVectors, threads);
        List<AlgorithmMetrics> results = new ArrayList<>();
        for (Algorithm algorithm : singles) {
            if (algorithm instanceof ImplicitAls) {
                out("%n-- iALS training on the full training part (per epoch: loss, time)");
                long[] cpu = {processCpuNanos()};
                algorithm = new ImplicitAls(als, (epoch, loss, nanos) -> {
                    long now = processCpuNanos();
                    out("epoch %2d  loss %,14.1f  %6.0f ms wall  %6.0f ms CPU (all threads of the process)", epoch, loss,
                            nanos / 1e6, (now - cpu[0]) / 1e6);
                    cpu[0] = now;
                });
                InteractionMatrix train = split.trainMatrix();
                long cpuStart = processCpuNanos(), wallStart = System.nanoTime();
                Scorer model = algorithm.fit(train);
                long trainMillis = (System.nanoTime() - wallStart) / 1_000_000;
                out("iALS training %.2f s wall, %.2f s CPU (the wall time on a machine running nothing else would "
                        + "approach CPU / 2)", trainMillis / 1000.0, (processCpuNanos() - cpuStart) / 1e9);
                AlgorithmMetrics m = evaluator.evaluate(algorithm.name(), model, train, split.testMatrix());
                results.add(new AlgorithmMetrics(m.algorithm(), m.atK(), m.mrr(), m.users(), m.skippedUsers(),
                        trainMillis, m.rankMillis()));
                continue;
            }
            results.add(evaluator.evaluate(algorithm, split));
        }
        results.add(evaluator.evaluate(new Blend(parts, blend.weights()), split));
        table(results);
    }

    private AlsParameters tuneAls(Split validation, AlsParameters start) {
        AlsParameters best = start;
        double bestNdcg = alsNdcg(validation, best);
        for (String parameter : List.of("alpha", "regularization", "factors", "iterations")) {
            double[] grid = switch (parameter) {
                case "alpha" -> new double[] {1, 3, 10, 30};
                case "regularization" -> new double[] {0.01, 0.1, 1, 10, 30};
                case "factors" -> new double[] {32, 64, 128};
                default -> new double[] {10, 15, 25};
            };
            AlsParameters round = best;
            double[] ndcgs = new double[grid.length];
            AlsParameters[] candidates = new AlsParameters[grid.length];
            for (int g = 0; g < grid.length; g++) {
                double value = grid[g];
                candidates[g] = switch (parameter) {
                    case "alpha" -> round.withAlpha(value);
                    case "regularization" -> round.withRegularization(value);
                    case "factors" -> round.withFactors((int) value);
                    default -> round.withIterations((int) value);
                };
                ndcgs[g] = candidates[g].equals(round) ? bestNdcg : alsNdcg(validation, candidates[g]);
            }
            double top = Arrays.stream(ndcgs).max().getAsDouble();
            for (int g = 0; g < grid.length; g++) {
                // factors and epochs cost time: the cheapest (first, grids ascend) within 1 % of the best wins
                boolean costly = parameter.equals("factors") || parameter.equals("iterations");
                if (costly ? ndcgs[g] >= top * 0.99 : ndcgs[g] == top) {
                    best = candidates[g];
                    bestNdcg = ndcgs[g];
                    break;
                }
            }
        }
        out("iALS chosen on validation: NDCG@%d %.4f (factors and epochs: the cheapest within 1 %% of the best)", K, bestNdcg);
        return best;
    }

    private double alsNdcg(Split validation, AlsParameters parameters) {
        AlgorithmMetrics m = new Evaluator(new int[] {K}, null, threads).evaluate(new ImplicitAls(parameters), validation);
        out("  iALS factors %3d alpha %5.1f reg %6.2f iterations %2d: NDCG@%d %.4f (train %d ms)", parameters.factors(),
                parameters.alpha(), parameters.regularization(), parameters.iterations(), K, m.at(K).ndcg(), m.trainMillis());
        return m.at(K).ndcg();
    }

    private int tuneKnn(Split validation, int start) {
        int best = start;
        double bestNdcg = -1;
        for (int neighbours : new int[] {20, 50, 100, 200, 400}) {
            AlgorithmMetrics m = new Evaluator(new int[] {K}, null, threads)
                    .evaluate(new ItemKnn(neighbours, true, threads), validation);
            out("  item-kNN %3d neighbours: NDCG@%d %.4f (train %d ms)", neighbours, K, m.at(K).ndcg(), m.trainMillis());
            if (m.at(K).ndcg() > bestNdcg) {
                bestNdcg = m.at(K).ndcg();
                best = neighbours;
            }
        }
        return best;
    }

    private void table(List<AlgorithmMetrics> results) {
        for (int k : cutoffs) {
            out("%n-- test split, full ranking, K = %d (users evaluated: %d, skipped without a relevant item: %d)", k,
                    results.getFirst().users(), results.getFirst().skippedUsers());
            out("%-12s %8s %8s %8s %8s %8s %8s %8s %8s %8s %9s", "algorithm", "NDCG", "Recall", "Prec", "MAP", "MRR",
                    "HitRate", "Coverage", "Novelty", "ILD", "train s");
            for (AlgorithmMetrics r : results) {
                MetricsAtK m = r.at(k);
                out("%-12s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.2f %8.4f %9.2f", r.algorithm(), m.ndcg(),
                        m.recall(), m.precision(), m.map(), r.mrr(), m.hitRate(), m.coverage(), m.novelty(),
                        m.diversity(), r.trainMillis() / 1000.0);
            }
        }
        out("(MRR: reciprocal rank of the first relevant item in the full ranking, no cut-off; MRR@K is in MetricsAtK)");
    }

    /**
     * iALS timing on synthetic matrices of the given sizes, users and items growing with them (20
     * interactions per user, 50 per item on average), so that every term of an epoch's cost should grow
     * linearly.
     */
    void synthetic(int[] sizes) {
        for (int nnz : sizes) {
            int users = Math.max(1, nnz / 20), items = Math.max(100, nnz / 50);
            SplittableRandom random = new SplittableRandom(SEED);
            int[] u = new int[nnz], i = new int[nnz];
            float[] w = new float[nnz];
            for (int n = 0; n < nnz; n++) {
                u[n] = random.nextInt(users);
                i[n] = (int) (items * Math.pow(random.nextDouble(), 2)); // skewed: popular head, long tail
                w[n] = 1;
            }
            InteractionMatrix m = InteractionMatrix.of(users, items, u, i, w, nnz);
            for (int cgSteps : new int[] {3, 0}) {
                AlsParameters p = AlsParameters.defaults().withIterations(cgSteps == 0 ? 3 : 5).withCgSteps(cgSteps)
                        .withThreads(threads);
                long[] epochNanos = new long[p.iterations()], epochCpu = new long[p.iterations()];
                long start = System.nanoTime(), cpuStart = processCpuNanos();
                long[] lastCpu = {cpuStart};
                new ImplicitAls(p, (epoch, loss, nanos) -> {
                    long now = processCpuNanos();
                    epochNanos[epoch - 1] = nanos;
                    epochCpu[epoch - 1] = now - lastCpu[0];
                    lastCpu[0] = now;
                }).fit(m);
                double total = (System.nanoTime() - start) / 1e9, cpu = (processCpuNanos() - cpuStart) / 1e9;
                double millions = m.nonZeros() / 1e6;
                // the first epoch carries JIT compilation: per-epoch figures average the later ones
                out("synthetic %,9d interactions (%,d distinct cells), %,d users × %,d items, %d factors, %s:%n"
                        + "    epochs wall %s ms, CPU %s ms; total %.2f s wall, %.2f s CPU; per epoch per million cells "
                        + "(after the first epoch): %.0f ms wall, %.0f ms CPU", nnz, m.nonZeros(), users, items, p.factors(),
                        cgSteps == 0 ? "Cholesky" : cgSteps + " CG steps",
                        Arrays.toString(Arrays.stream(epochNanos).map(n -> n / 1_000_000).toArray()),
                        Arrays.toString(Arrays.stream(epochCpu).map(n -> n / 1_000_000).toArray()), total, cpu,
                        Arrays.stream(epochNanos).skip(1).average().orElse(epochNanos[0]) / 1e6 / millions,
                        Arrays.stream(epochCpu).skip(1).average().orElse(epochCpu[0]) / 1e6 / millions);
            }
        }
    }

    /** CPU time of the whole process (the JDK's own management extension), to put wall times on a shared machine in context. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
