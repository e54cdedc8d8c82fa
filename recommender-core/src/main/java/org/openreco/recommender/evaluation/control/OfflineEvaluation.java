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
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.control.DjlTextEncoder;
import org.openreco.recommender.training.control.ActivityBlend;
import org.openreco.recommender.training.control.Algorithm;
import org.openreco.recommender.training.control.Blend;
import org.openreco.recommender.training.control.ContentBased;
import org.openreco.recommender.training.control.ImplicitAls;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.ItemKnn;
import org.openreco.recommender.training.control.Popularity;
import org.openreco.recommender.training.control.Rp3Beta;
import org.openreco.recommender.training.control.ScoreNormalisation;
import org.openreco.recommender.training.control.Scorer;

/**
 * The offline evaluation on the public data sets, without a server or database (bin/evaluate-offline).
 * Per data set: ratings ≥ threshold become positives, a random per-user 80/20 split (seed 42), a
 * validation split (20 % of each user's training rows, seed 43) on which iALS, item-kNN and RP3beta are
 * tuned and the hybrid variants' weights searched (the best variant on validation becomes "hybrid"),
 * then every source trained once on the whole training part and evaluated by the one {@link Evaluator}
 * on the test part (full ranking), followed by the cold-start evaluation. Content uses the items' text
 * encoded by the real MiniLM (cached, {@link TextVectorCache}).
 *
 * <p>Arguments: {@code [--datasets=DIR] [--only=ml|amazon] [--k=10,20] [--no-tune] [--split=random|last:N]
 * [--content=minilm|genres] [--models=DIR] [--cache=DIR] [--synthetic=250000,500000,1000000] [--threads=N]}.
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
        String only = null, synthetic = null, content = "minilm";
        Path models = Path.of("recommender-core/target/models"), cache = Path.of("recommender-core/target/evaluation-cache");
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
            } else if (arg.startsWith("--content=") && (value.equals("minilm") || value.equals("genres"))) {
                content = value;
            } else if (arg.startsWith("--models=")) {
                models = Path.of(value);
            } else if (arg.startsWith("--cache=")) {
                cache = Path.of(value);
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
            float[][] genres = DataSets.movieLensGenres(ml, log.itemIds());
            float[][] text = content.equals("genres") ? null
                    : run.textVectors("ml-latest-small", DataSets.movieLensTexts(ml, log.itemIds()), models, cache);
            run.evaluate("ml-latest-small (ratings.csv, rating ≥ 3.5 → positive of weight 1)", log,
                    text != null ? text : genres, text != null ? genres : null);
        }
        Path amazonDir = datasets.resolve("amazon-2018-magazine-subscriptions");
        Path amazon = amazonDir.resolve("Magazine_Subscriptions.csv");
        if ((only == null || only.equals("amazon")) && Files.exists(amazon)) {
            InteractionLog log = DataSets.amazonRatings(amazon, 4);
            Path meta = amazonDir.resolve("meta_Magazine_Subscriptions.json.gz");
            float[][] text = content.equals("genres") || !Files.exists(meta) ? null
                    : run.textVectors("amazon-magazines", DataSets.amazonTexts(meta, log.itemIds()), models, cache);
            run.evaluate("amazon-2018-magazine-subscriptions (Magazine_Subscriptions.csv, rating ≥ 4 → positive of weight 1)",
                    log, text, null);
        }
    }

    /**
     * Each item's text encoded by the real all-MiniLM-L6-v2 as the server runs it ({@link DjlTextEncoder}
     * outside the container), from the cache file when it holds these very texts; null (content falls
     * back to genres / none) when the model files are missing.
     */
    float[][] textVectors(String dataset, String[] texts, Path models, Path cache) throws IOException {
        EmbeddingModel model = EmbeddingModel.MINILM;
        if (!Files.isRegularFile(models.resolve(model.modelName()).resolve("model.onnx"))) {
            out("content: no %s under %s (the core module's build unpacks it: ./mvnw -pl recommender-core -am "
                    + "process-test-resources); falling back", model.modelName(), models);
            return null;
        }
        long present = Arrays.stream(texts).filter(t -> t != null).count();
        long start = System.nanoTime(), cpu = processCpuNanos();
        boolean[] encoded = {false};
        float[][] vectors;
        try (DjlTextEncoder encoder = new DjlTextEncoder(models)) {
            vectors = TextVectorCache.vectors(model, texts, cache.resolve(dataset + "-" + model.modelName() + ".vectors"),
                    list -> {
                        encoded[0] = true;
                        return encoder.encode(model, list);
                    });
        }
        out("content: %,d item texts (of %,d items) → %s vectors, %s in %.1f s wall, %.1f s CPU; e.g. \"%s\"", present,
                texts.length, model.modelName(), encoded[0] ? "encoded" : "read from the cache",
                (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpu) / 1e9,
                Arrays.stream(texts).filter(t -> t != null).findFirst().orElse(""));
        return vectors;
    }

    /**
     * @param contentVectors per item the vector of the content source and of intra-list diversity (the
     *                       MiniLM text embeddings, or the genre one-hot stand-in); null: no content source
     * @param genreVectors   when content uses text embeddings, the genre one-hot vectors for a second,
     *                       cheap content row (null: none)
     */
    void evaluate(String title, InteractionLog log, float[][] contentVectors, float[][] genreVectors) {
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
        Rp3Beta rp3 = new Rp3Beta(1.0, 0.3, 100, threads);
        if (tune) {
            out("%n-- tuning on the validation split (NDCG@%d; coordinate search, one parameter at a time)", K);
            als = tuneAls(validation, als);
            neighbours = tuneKnn(validation, neighbours);
            rp3 = tuneRp3(validation, rp3);
        }
        out("chosen: iALS %s; item-kNN %d neighbours, binarised cosine; RP3beta %s", als, neighbours, rp3);

        // the sources, each a single algorithm of the table and a part of the hybrids
        List<Algorithm> sources = new ArrayList<>(List.of(new Popularity(), new ItemKnn(neighbours, true, threads),
                new ImplicitAls(als), rp3));
        if (contentVectors != null) {
            sources.add(new ContentBased(contentVectors));
        }
        List<String> names = sources.stream().map(Algorithm::name).toList();

        out("%n-- hybrid variants, weights searched on the validation split (grid %s, up to 3 rounds)",
                Arrays.toString(BlendSearch.GRID));
        InteractionMatrix validationTrain = validation.trainMatrix(), validationTest = validation.testMatrix();
        List<Scorer> validationScorers = sources.stream().map(p -> p.fit(validationTrain)).toList();
        for (int s = 0; s < sources.size(); s++) {
            out("  single %-10s validation NDCG@%d %.4f", names.get(s), K, new Evaluator(new int[] {K}, null, threads)
                    .evaluate(names.get(s), validationScorers.get(s), validationTrain, validationTest).at(K).ndcg());
        }
        List<HybridVariant> variants = new ArrayList<>();
        List<Integer> classic = List.of(0, 1, 2); // the hybrid of the first run: popularity, item-kNN, iALS
        variants.add(searchVariant("min-max, pop+kNN+iALS (previous)", classic, ScoreNormalisation.MIN_MAX,
                validationScorers, validationTrain, validationTest, names));
        List<Integer> all = java.util.stream.IntStream.range(0, sources.size()).boxed().toList();
        for (ScoreNormalisation n : List.of(ScoreNormalisation.MIN_MAX, ScoreNormalisation.Z_SCORE,
                ScoreNormalisation.RANK, ScoreNormalisation.RECIPROCAL_RANK)) {
            variants.add(searchVariant(label(n) + ", all sources", all, n, validationScorers, validationTrain,
                    validationTest, names));
        }
        HybridVariant bestGlobal = variants.subList(1, variants.size()).stream()
                .max(java.util.Comparator.comparingDouble(HybridVariant::validationNdcg)).orElseThrow();
        BlendSearch.BucketResult buckets = BlendSearch.searchByActivity(validationScorers, validationTrain,
                validationTest, K, BlendSearch.GRID, 3, threads, bestGlobal.normalisation(), ACTIVITY_BOUNDS,
                bestGlobal.weights()[0]);
        HybridVariant byActivity = new HybridVariant(label(bestGlobal.normalisation()) + ", all sources, per activity",
                all, bestGlobal.normalisation(), buckets.weights(), buckets.validationNdcg());
        out("  %-44s %s", byActivity.label(), buckets);
        variants.add(byActivity);
        HybridVariant chosen = variants.stream()
                .max(java.util.Comparator.comparingDouble(HybridVariant::validationNdcg)).orElseThrow();
        out("chosen hybrid (best validation NDCG@%d): %s", K, chosen.label());

        // final models: every source trained once on the whole training part; hybrids reuse them
        InteractionMatrix train = split.trainMatrix();
        Evaluator evaluator = new Evaluator(cutoffs, contentVectors, threads);
        List<Scorer> scorers = new ArrayList<>();
        long[] trainMillis = new long[sources.size()];
        for (int s = 0; s < sources.size(); s++) {
            Algorithm algorithm = sources.get(s);
            if (algorithm instanceof ImplicitAls) {
                out("%n-- iALS training on the full training part (per epoch: loss, time)");
                long[] cpu = {processCpuNanos()};
                algorithm = new ImplicitAls(als, (epoch, loss, nanos) -> {
                    long now = processCpuNanos();
                    out("epoch %2d  loss %,14.1f  %6.0f ms wall  %6.0f ms CPU (all threads of the process)", epoch, loss,
                            nanos / 1e6, (now - cpu[0]) / 1e6);
                    cpu[0] = now;
                });
            }
            long cpuStart = processCpuNanos(), wallStart = System.nanoTime();
            scorers.add(algorithm.fit(train));
            trainMillis[s] = (System.nanoTime() - wallStart) / 1_000_000;
            if (algorithm instanceof ImplicitAls) {
                out("iALS training %.2f s wall, %.2f s CPU (the wall time on a machine running nothing else would "
                        + "approach CPU / 2)", trainMillis[s] / 1000.0, (processCpuNanos() - cpuStart) / 1e9);
            }
        }
        List<AlgorithmMetrics> results = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            results.add(withTrainMillis(evaluator.evaluate(names.get(s), scorers.get(s), train, test), trainMillis[s]));
        }
        if (genreVectors != null) {
            results.add(evaluator.evaluate(new Named("content-genres", new ContentBased(genreVectors)), split));
        }
        List<AlgorithmMetrics> variantResults = new ArrayList<>();
        for (HybridVariant v : variants) {
            AlgorithmMetrics m = evaluator.evaluate(v == chosen ? "hybrid" : v.label(), v.scorer(scorers, train), train, test);
            long millis = v.parts().stream().mapToLong(p -> trainMillis[p]).sum();
            variantResults.add(withTrainMillis(m, millis));
        }
        results.add(variantResults.get(variants.indexOf(chosen)));
        table(results);

        out("%n-- hybrid variants: validation (weights chosen there) and test NDCG@%d; the table's hybrid is the best "
                + "on validation", K);
        out("%-50s %10s %10s %10s", "variant", "valid NDCG", "test NDCG", "test Rec.");
        for (int v = 0; v < variants.size(); v++) {
            HybridVariant variant = variants.get(v);
            out("%-50s %10.4f %10.4f %10.4f%s", variant.label(), variant.validationNdcg(),
                    variantResults.get(v).at(K).ndcg(), variantResults.get(v).at(K).recall(),
                    variant == chosen ? "  ← chosen" : "");
            if (variant.weights().length == 1) {
                out("    weights %s", weightsText(variant.parts(), variant.weights()[0], names));
            }
        }
        double bestSingle = results.stream().filter(r -> names.contains(r.algorithm()))
                .mapToDouble(r -> r.at(K).ndcg()).max().orElse(Double.NaN);
        String bestName = results.stream().filter(r -> names.contains(r.algorithm()))
                .max(java.util.Comparator.comparingDouble(r -> r.at(K).ndcg())).orElseThrow().algorithm();
        out("hybrid vs best single source (%s) on test NDCG@%d: %+.1f %%", bestName, K,
                100 * (results.getLast().at(K).ndcg() / bestSingle - 1));

        coldStart(split, train, names, scorers, chosen, genreVectors);
    }

    /** Users' history-length buckets of the per-activity hybrid: < 10, 10–29, 30–99, ≥ 100 training positives. */
    static final int[] ACTIVITY_BOUNDS = {10, 30, 100};

    /** A hybrid tried on validation: which sources, normalised how, weighted how (one vector, or one per bucket). */
    record HybridVariant(String label, List<Integer> parts, ScoreNormalisation normalisation, double[][] weights,
            double validationNdcg) {

        Scorer scorer(List<Scorer> all, InteractionMatrix train) {
            List<Scorer> chosen = parts.stream().map(all::get).toList();
            return weights.length == 1 ? Blend.of(chosen, weights[0], train, normalisation)
                    : ActivityBlend.of(chosen, ACTIVITY_BOUNDS, weights, train, normalisation);
        }
    }

    private HybridVariant searchVariant(String label, List<Integer> parts, ScoreNormalisation normalisation,
            List<Scorer> validationScorers, InteractionMatrix train, InteractionMatrix test, List<String> names) {
        BlendSearch.Result r = BlendSearch.search(parts.stream().map(validationScorers::get).toList(), train, test, K,
                BlendSearch.GRID, 3, threads, normalisation);
        out("  %-44s validation NDCG@%d %.4f, weights %s (%d trials)", label, K, r.validationNdcg(),
                weightsText(parts, r.weights(), names), r.trials());
        return new HybridVariant(label, parts, normalisation, new double[][] {r.weights()}, r.validationNdcg());
    }

    private static String label(ScoreNormalisation n) {
        return switch (n) {
            case MIN_MAX -> "min-max";
            case Z_SCORE -> "z-score";
            case RANK -> "linear rank";
            case RECIPROCAL_RANK -> "reciprocal rank";
            case NONE -> "raw";
        };
    }

    private static String weightsText(List<Integer> parts, double[] weights, List<String> names) {
        StringBuilder s = new StringBuilder();
        for (int p = 0; p < parts.size(); p++) {
            s.append(p == 0 ? "" : ", ").append(names.get(parts.get(p))).append(' ').append(weights[p]);
        }
        return s.toString();
    }

    private static AlgorithmMetrics withTrainMillis(AlgorithmMetrics m, long millis) {
        return new AlgorithmMetrics(m.algorithm(), m.atK(), m.mrr(), m.users(), m.skippedUsers(), millis, m.rankMillis());
    }

    /** An algorithm under another name in the tables. */
    private record Named(String name, Algorithm algorithm) implements Algorithm {
        @Override
        public Scorer fit(InteractionMatrix userItems) {
            return algorithm.fit(userItems);
        }
    }

    /**
     * Cold items: items whose positives all fell into the test split (no training row at all). For each
     * test user with such an item, only the cold items are ranked (every other item scores −∞), so the
     * question is the one of a new item: which of the new items will this user like? Collaborative
     * sources have nothing to say about them (iALS factors of an item without rows are 0, kNN and
     * RP3beta never reach them, popularity is 0): their order is then the item order, i.e. arbitrary.
     */
    private void coldStart(Split split, InteractionMatrix train, List<String> names, List<Scorer> scorers,
            HybridVariant chosen, float[][] genreVectors) {
        InteractionMatrix test = split.testMatrix();
        int[] trainCounts = train.columnCounts(), testCounts = test.columnCounts();
        boolean[] cold = new boolean[train.cols()];
        int coldItems = 0;
        for (int i = 0; i < cold.length; i++) {
            cold[i] = trainCounts[i] == 0 && testCounts[i] > 0;
            coldItems += cold[i] ? 1 : 0;
        }
        InteractionMatrix coldTest = ColdItems.testRows(test, cold);
        out("%n-- cold-start: %d items have all their positives in the test split (%d test rows); ranking only those "
                + "items for the %d test users who have one", coldItems, coldTest.nonZeros(),
                java.util.stream.IntStream.range(0, coldTest.rows()).filter(u -> coldTest.rowLength(u) > 0).count());
        if (coldItems == 0) {
            return;
        }
        Evaluator evaluator = new Evaluator(new int[] {K}, null, threads);
        List<String> labels = new ArrayList<>(names);
        List<Scorer> coldScorers = new ArrayList<>(scorers);
        if (genreVectors != null) {
            labels.add("content-genres");
            coldScorers.add(new ContentBased(genreVectors).fit(train));
        }
        labels.add("hybrid");
        coldScorers.add(chosen.scorer(scorers, train));
        out("%-14s %8s %8s %8s %8s | %11s %9s   (K = %d; left: among the %d cold items only; right: full ranking "
                + "of all candidates)", "algorithm", "Recall", "NDCG", "HitRate", "MRR", "full Recall", "full NDCG", K,
                coldItems);
        for (int s = 0; s < coldScorers.size(); s++) {
            AlgorithmMetrics r = evaluator.evaluate(labels.get(s), ColdItems.only(coldScorers.get(s), cold), train,
                    coldTest);
            AlgorithmMetrics full = evaluator.evaluate(labels.get(s), coldScorers.get(s), train, coldTest);
            out("%-14s %8.4f %8.4f %8.4f %8.4f | %11.4f %9.4f", r.algorithm(), r.at(K).recall(), r.at(K).ndcg(),
                    r.at(K).hitRate(), r.mrr(), full.at(K).recall(), full.at(K).ndcg());
        }
    }

    private AlsParameters tuneAls(Split validation, AlsParameters start) {
        AlsParameters best = start;
        double bestNdcg = alsNdcg(validation, best);
        for (String parameter : List.of("alpha", "regularization", "factors", "iterations")) {
            double[] grid = switch (parameter) {
                case "alpha" -> new double[] {1, 3, 10, 30};
                case "regularization" -> new double[] {0.01, 0.1, 1, 10, 30, 100};
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

    /** RP3beta by coordinate search: beta, then alpha, then neighbours (the fewest within 1 % of the best). */
    private Rp3Beta tuneRp3(Split validation, Rp3Beta start) {
        double alpha = 1.0, beta = 0.3;
        int neighbours = 100;
        double best = -1;
        for (double b : new double[] {0, 0.15, 0.3, 0.45, 0.6}) {
            double ndcg = rp3Ndcg(validation, alpha, b, neighbours);
            if (ndcg > best) {
                best = ndcg;
                beta = b;
            }
        }
        for (double a : new double[] {0.25, 0.5, 0.75, 1.25}) {
            double ndcg = rp3Ndcg(validation, a, beta, neighbours);
            if (ndcg > best) {
                best = ndcg;
                alpha = a;
            }
        }
        int[] grid = {25, 50, 100, 200, 400};
        double[] ndcgs = new double[grid.length];
        for (int g = 0; g < grid.length; g++) {
            ndcgs[g] = grid[g] == neighbours ? best : rp3Ndcg(validation, alpha, beta, grid[g]);
        }
        double top = Arrays.stream(ndcgs).max().getAsDouble();
        for (int g = 0; g < grid.length; g++) {
            if (ndcgs[g] >= top * 0.99) {
                neighbours = grid[g];
                best = ndcgs[g];
                break;
            }
        }
        out("RP3beta chosen on validation: NDCG@%d %.4f", K, best);
        return new Rp3Beta(alpha, beta, neighbours, threads);
    }

    private double rp3Ndcg(Split validation, double alpha, double beta, int neighbours) {
        Rp3Beta rp3 = new Rp3Beta(alpha, beta, neighbours, threads);
        AlgorithmMetrics m = new Evaluator(new int[] {K}, null, threads).evaluate(rp3, validation);
        out("  RP3beta %s: NDCG@%d %.4f (train %d ms)", rp3, K, m.at(K).ndcg(), m.trainMillis());
        return m.at(K).ndcg();
    }

    private void table(List<AlgorithmMetrics> results) {
        for (int k : cutoffs) {
            out("%n-- test split, full ranking, K = %d (users evaluated: %d, skipped without a relevant item: %d)", k,
                    results.getFirst().users(), results.getFirst().skippedUsers());
            out("%-14s %8s %8s %8s %8s %8s %8s %8s %8s %8s %9s", "algorithm", "NDCG", "Recall", "Prec", "MAP", "MRR",
                    "HitRate", "Coverage", "Novelty", "ILD", "train s");
            for (AlgorithmMetrics r : results) {
                MetricsAtK m = r.at(k);
                out("%-14s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.2f %8.4f %9.2f", r.algorithm(), m.ndcg(),
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
