package org.openreco.recommender.evaluation.control;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openreco.recommender.evaluation.boundary.AlgorithmMetrics;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;
import org.openreco.recommender.ranking.BlendWeights;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.training.control.CatalogueInteractions;
import org.openreco.recommender.training.boundary.AlsParameters;
import org.openreco.recommender.training.boundary.TrainingRequest;
import org.openreco.recommender.training.control.Algorithm;
import org.openreco.recommender.training.control.AlsModel;
import org.openreco.recommender.training.control.ContentBased;
import org.openreco.recommender.training.control.ImplicitAls;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.ItemKnn;
import org.openreco.recommender.training.control.Popularity;
import org.openreco.recommender.training.control.Scorer;
import org.openreco.recommender.training.control.Ease;
import org.openreco.recommender.training.control.ItemNeighbours;
import org.openreco.recommender.training.control.Rp3Beta;
import org.openreco.recommender.recommendations.entity.Source;
import java.util.Arrays;
import java.util.EnumMap;

/**
 * The in-product evaluation of a catalogue, the protocol of EVALUATION.md on the catalogue's positives:
 * the split the request names (random per user by default; per-user leave-last-N or a global time cut), a
 * validation split carved the same way from the training part (seed + 1) on
 * which the algorithms' parameters are tuned within the request's budget ({@link ParameterSearch}) and
 * then the hybrid's weights over its sources are searched ({@link BlendSearch}), then popularity,
 * item-kNN, content (when there are item vectors), iALS, EASE (unless skipped for too many items: the
 * reason is in its parameters), RP3beta and the hybrid trained on the training part and judged by one
 * {@link Evaluator} (full ranking) on the test part; plus the cold-start comparison. EASE's and
 * RP3beta's kept item weights are both their single rows and the hybrid's sources, so each is trained
 * once per split.
 * Produces the JSON of the issue-6 contract.
 */
public final class CatalogueEvaluation {

    /** The hybrid's sources, named as serving names them, in blend order. */
    public static final String COLLABORATIVE = "collaborative", ITEM_TO_ITEM = "item-to-item", CONTENT = "content",
            TRENDING = "trending", EASE = "ease", RP3BETA = "rp3beta";
    /** Weights EASE and RP3beta keep per item, for the evaluation as for serving. */
    public static final int ITEM_WEIGHTS_KEPT = 100;
    private static final int BLEND_ROUNDS = 3;
    private static final BlendWeights EVERY_SOURCE = new BlendWeights(1, 1, 1, 1);
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(CatalogueEvaluation.class.getName());

    /**
     * What the evaluation found.
     *
     * @param blend  the tuned weight per source (content absent without item vectors)
     * @param hybrid the hybrid's metrics on the test split (the model's headline)
     * @param easeSkipped why EASE was not trained on the test split's training part (null: it was)
     * @param tuning the parameter search on the validation split; its chosen request is what was evaluated
     *               and what the final models are to be trained with
     */
    public record Outcome(JsonObject split, JsonArray algorithms, JsonObject metrics, JsonObject data,
            JsonObject coldStart, Map<String, Double> blend, AlgorithmMetrics hybrid, String easeSkipped,
            ParameterSearch.Outcome tuning) {
    }

    private final TrainingRequest request;
    private final int threads;

    /** @param request a {@link TrainingRequest#validated() validated} request */
    public CatalogueEvaluation(TrainingRequest request, int threads) {
        this.request = request;
        this.threads = threads;
    }

    public static Ease ease(TrainingRequest request, int threads) {
        return new Ease(request.easeLambda(), request.easeMaxItems(), ITEM_WEIGHTS_KEPT, threads);
    }

    public static Rp3Beta rp3Beta(TrainingRequest request, int threads) {
        return new Rp3Beta(request.rp3Alpha(), request.rp3Beta(), ITEM_WEIGHTS_KEPT, threads);
    }

    /** The item × item tables by source: EASE's (absent when skipped) and RP3beta's, trained on {@code train}. */
    private Map<Source, ItemNeighbours> itemWeights(InteractionMatrix train, Ease.Trained ease) {
        Map<Source, ItemNeighbours> tables = new EnumMap<>(Source.class);
        if (ease.weights() != null) {
            tables.put(Source.EASE, ease.weights());
        }
        tables.put(Source.RP3BETA, rp3Beta(request, threads).neighbours(train));
        return tables;
    }

    public static AlsParameters als(TrainingRequest request, int threads) {
        return new AlsParameters(request.factors(), request.regularization(), request.alpha(), request.epochs(), 3,
                request.seed(), threads);
    }

    /**
     * @param log         the positives
     * @param events      interactions they were summed from
     * @param itemVectors per item index its content vector (null entries: none), or null
     */
    public Outcome evaluate(InteractionLog log, long events, float[][] itemVectors) {
        return evaluate(log, events, itemVectors, null, CatalogueSettings.DEFAULT_USER_HALF_LIFE_DAYS);
    }

    /**
     * @param negatives    the pairs summing to ≤ 0: seen (never recommended), counted by trending and taste
     * @param halfLifeDays the catalogue's taste half-life, for the users' taste vectors as serving folds them
     */
    public Outcome evaluate(InteractionLog log, long events, float[][] itemVectors, CatalogueInteractions.Feedback negatives,
            double halfLifeDays) {
        if (log.userCount() < 2 || log.itemCount() < 2) {
            throw new IllegalStateException("the catalogue has too few interactions to evaluate a model ("
                    + log.size() + " positive user-item pairs of " + log.userCount() + " users and " + log.itemCount() + " items)");
        }
        Split split = Splitter.of(log, log.allRows(), request.splitKind(), request.leaveLast(), request.testRatio(), request.seed());
        if (split.test().length == 0) {
            throw new IllegalStateException("the " + request.split() + " split leaves no positives for the test part (every user "
                    + "has too few, or all happened at once)");
        }
        Split validation = Splitter.of(log, split.train(), request.splitKind(), request.leaveLast(), request.testRatio(),
                request.seed() + 1);
        int k = request.k().contains(10) ? 10 : request.k().getFirst();
        ParameterSearch.Outcome tuning = new ParameterSearch(k, threads).search(request, validation);
        LOG.info(() -> "parameter search: " + tuning.json());
        return new CatalogueEvaluation(tuning.chosen(), threads).evaluate(log, events, itemVectors, negatives, halfLifeDays,
                split, validation, k, tuning);
    }

    /** The evaluation with this (tuned) request's values. */
    private Outcome evaluate(InteractionLog log, long events, float[][] itemVectors, CatalogueInteractions.Feedback negatives,
            double halfLifeDays, Split split, Split validation, int k, ParameterSearch.Outcome tuning) {

        // the hybrid's sources; content only where item vectors exist
        Map<String, Algorithm> sources = new LinkedHashMap<>();
        sources.put(COLLABORATIVE, new ImplicitAls(als(request, threads)));
        sources.put(ITEM_TO_ITEM, new ItemKnn(request.neighbours(), true, threads));
        if (itemVectors != null) {
            sources.put(CONTENT, new ContentBased(itemVectors));
        }
        sources.put(TRENDING, new Popularity());

        long started = System.nanoTime();
        InteractionMatrix validationTrain = validation.trainMatrix();
        var validationTables = itemWeights(validationTrain, ease(request, threads).train(validationTrain));
        SplitRanking validationRanking = SplitRanking.of(validation, validation.train(), validationTrain,
                new ImplicitAls(als(request, threads)).fit(validationTrain),
                new ItemKnn(request.neighbours(), true, threads).neighbours(validationTrain), itemVectors, negatives, halfLifeDays,
                EVERY_SOURCE).withItemWeights(validationTables);
        long fitted = System.nanoTime();
        BlendSearch.Result searched = BlendSearch.searchPipeline(validationRanking, validationTrain, validation.testMatrix(), k,
                BlendSearch.GRID, BLEND_ROUNDS, threads, source -> switch (source) {
                    case CONTENT -> itemVectors != null;
                    case EASE, RP3BETA -> validationTables.containsKey(source);
                    default -> true;
                });
        long searchedAt = System.nanoTime();
        double[] w = searched.weights();
        Map<String, Double> blend = new LinkedHashMap<>();
        blend.put(COLLABORATIVE, w[0]);
        blend.put(ITEM_TO_ITEM, w[1]);
        if (itemVectors != null) {
            blend.put(CONTENT, w[2]);
        }
        blend.put(TRENDING, w[3]);
        blend.put(EASE, w[4]);
        blend.put(RP3BETA, w[5]);

        InteractionMatrix train = split.trainMatrix();
        InteractionMatrix test = split.testMatrix();
        Evaluator evaluator = new Evaluator(request.k().stream().mapToInt(Integer::intValue).toArray(), itemVectors, threads);
        Map<String, Scorer> trained = new LinkedHashMap<>();
        JsonObjectBuilder metrics = Json.createObjectBuilder();
        JsonArrayBuilder algorithms = Json.createArrayBuilder();
        Map<String, Algorithm> singles = new LinkedHashMap<>();
        Map<String, AlgorithmMetrics> judged = new LinkedHashMap<>();
        singles.put("popularity", sources.get(TRENDING));
        singles.put("item-knn", sources.get(ITEM_TO_ITEM));
        if (sources.containsKey(CONTENT)) {
            singles.put("content", sources.get(CONTENT));
        }
        singles.put("ials", sources.get(COLLABORATIVE));
        long partsMillis = 0;
        // EASE and RP3beta: their tables serve the hybrid too, so each is trained once on the training part
        long tablesStart = System.nanoTime();
        Ease.Trained ease = ease(request, threads).train(train);
        long easeMillis = (System.nanoTime() - tablesStart) / 1_000_000;
        var tables = itemWeights(train, ease);
        long rp3Millis = (System.nanoTime() - tablesStart) / 1_000_000 - easeMillis;
        for (var single : singles.entrySet()) {
            long start = System.nanoTime();
            Scorer scorer = single.getValue().fit(train);
            long trainMillis = (System.nanoTime() - start) / 1_000_000;
            partsMillis += trainMillis;
            trained.put(single.getKey(), scorer);
            AlgorithmMetrics judgedSingle = evaluator.evaluate(single.getKey(), scorer, train, test);
            judged.put(single.getKey(), judgedSingle);
            metrics.add(single.getKey(), json(judgedSingle, trainMillis));
            algorithms.add(Json.createObjectBuilder().add("name", single.getKey()).add("parameters", parameters(single.getKey())));
        }
        if (ease.weights() != null) {
            Scorer scorer = ease.weights().scorer(train);
            trained.put(EASE, scorer);
            judged.put(EASE, evaluator.evaluate(EASE, scorer, train, test));
            metrics.add(EASE, json(judged.get(EASE), easeMillis));
        }
        algorithms.add(Json.createObjectBuilder().add("name", EASE).add("parameters", ease.skipped() == null ? parameters(EASE)
                : Json.createObjectBuilder(parameters(EASE)).add("skipped", ease.skipped()).build()));
        Scorer rp3 = tables.get(Source.RP3BETA).scorer(train);
        trained.put(RP3BETA, rp3);
        judged.put(RP3BETA, evaluator.evaluate(RP3BETA, rp3, train, test));
        metrics.add(RP3BETA, json(judged.get(RP3BETA), rp3Millis));
        algorithms.add(Json.createObjectBuilder().add("name", RP3BETA).add("parameters", parameters(RP3BETA)));
        partsMillis += easeMillis + rp3Millis;
        // the hybrid's parts are the single algorithms trained above, ranked by the serving pipeline
        long start = System.nanoTime();
        var neighbours = new ItemKnn(request.neighbours(), true, threads).neighbours(train);
        partsMillis += (System.nanoTime() - start) / 1_000_000;
        SplitRanking testRanking = SplitRanking.of(split, split.train(), train, (AlsModel) trained.get("ials"), neighbours,
                itemVectors, negatives, halfLifeDays, BlendWeights.of(w)).withItemWeights(tables);
        AlgorithmMetrics hybrid = evaluator.evaluate("hybrid", (Evaluator.Ranker) testRanking::rank, train, test);
        metrics.add("hybrid", json(hybrid, partsMillis));
        JsonObjectBuilder blendJson = Json.createObjectBuilder();
        blend.forEach(blendJson::add);
        algorithms.add(Json.createObjectBuilder().add("name", "hybrid").add("parameters", Json.createObjectBuilder()
                .add("blend", blendJson).add("validationNdcg@" + k, searched.validationNdcg())
                .add("gainOverBest", gainOverBest(hybrid, judged, request.k().indexOf(k), k))));

        JsonObject data = Json.createObjectBuilder().add("users", log.userCount()).add("items", log.itemCount())
                .add("interactions", events).add("positives", log.size()).add("train", split.train().length)
                .add("test", split.test().length).build();
        JsonObject splitJson = splitJson(request);
        long evaluated = System.nanoTime();
        JsonObject coldStart = coldStart(split, train, trained.get("content"), trained.get("ials"), k);
        LOG.info(String.format(java.util.Locale.ROOT, "evaluation of %,d positives: validation fits %d ms, blend search %d ms "
                + "(%d trials), test fits and rankings %d ms, cold start %d ms", log.size(), (fitted - started) / 1_000_000,
                (searchedAt - fitted) / 1_000_000, searched.trials(), (evaluated - searchedAt) / 1_000_000,
                (System.nanoTime() - evaluated) / 1_000_000));
        return new Outcome(splitJson, algorithms.build(), metrics.build(), data, coldStart, blend, hybrid, ease.skipped(), tuning);
    }

    /** The split a request names, as runs store it: its kind and what defines it. */
    public static JsonObject splitJson(TrainingRequest request) {
        var json = Json.createObjectBuilder().add("kind", request.splitKind());
        switch (request.splitKind()) {
            case TrainingRequest.LEAVE_LAST -> json.add("n", request.leaveLast());
            case TrainingRequest.TIME_CUT -> json.add("ratio", request.testRatio());
            default -> json.add("ratio", request.testRatio()).add("seed", request.seed()).add("validationSeed", request.seed() + 1);
        }
        return json.build();
    }

    /**
     * Items whose every interaction fell into the test split are new to a model trained on the rest: the
     * recall@k of content and of collaborative (iALS) on just those items, over the users who have them
     * in test. Null when the split left no such item.
     */
    static JsonObject coldStart(Split split, InteractionMatrix train, Scorer content, Scorer collaborative, int k) {
        int[] trainCounts = train.columnCounts();
        List<Integer> coldRows = new ArrayList<>();
        java.util.Set<Integer> coldItems = new java.util.HashSet<>();
        for (int row : split.test()) {
            int item = split.log().item(row);
            if (trainCounts[item] == 0) {
                coldRows.add(row);
                coldItems.add(item);
            }
        }
        if (coldRows.isEmpty()) {
            return null;
        }
        InteractionMatrix coldTest = split.log().matrix(coldRows.stream().mapToInt(Integer::intValue).toArray());
        Evaluator evaluator = new Evaluator(k);
        AlgorithmMetrics collaborativeMetrics = evaluator.evaluate("collaborative", collaborative, train, coldTest);
        JsonObjectBuilder recall = Json.createObjectBuilder();
        if (content != null) {
            recall.add("content", evaluator.evaluate("content", content, train, coldTest).at(k).recall());
        } else {
            recall.addNull("content");
        }
        recall.add("collaborative", collaborativeMetrics.at(k).recall());
        return Json.createObjectBuilder().add("items", coldItems.size()).add("users", collaborativeMetrics.users())
                .add("k", k).add("recall", recall).build();
    }

    /**
     * The hybrid's relative NDCG@k gain over the best single algorithm of the run, with its 95 % interval
     * from a paired bootstrap over the same test users (each drawn user brings both lists' NDCG).
     */
    static JsonObject gainOverBest(AlgorithmMetrics hybrid, Map<String, AlgorithmMetrics> singles, int cutOff, int k) {
        var best = singles.values().stream().max(java.util.Comparator.comparingDouble(m -> m.at(k).ndcg())).orElseThrow();
        double[] gain = Bootstrap.pairedGain(hybrid.userNdcg()[cutOff], best.userNdcg()[cutOff]);
        JsonObjectBuilder json = Json.createObjectBuilder().add("algorithm", best.algorithm()).add("k", k);
        if (Arrays.stream(gain).allMatch(Double::isFinite)) {
            json.add("ndcgGain", gain[0]).add("ci95", Json.createArrayBuilder().add(gain[1]).add(gain[2]));
        }
        return json.build();
    }

    private JsonObject parameters(String algorithm) {
        return switch (algorithm) {
            case "item-knn" -> Json.createObjectBuilder().add("neighbours", request.neighbours()).add("similarity", "cosine, binarised").build();
            case "ials" -> Json.createObjectBuilder().add("factors", request.factors()).add("alpha", request.alpha())
                    .add("regularization", request.regularization()).add("epochs", request.epochs()).add("cgSteps", 3)
                    .add("seed", request.seed()).build();
            case "content" -> Json.createObjectBuilder().add("vectors", "active embedding generation").build();
            case EASE -> Json.createObjectBuilder().add("lambda", request.easeLambda()).add("maxItems", request.easeMaxItems())
                    .add("minUsers", Ease.MIN_USERS).add("kept", ITEM_WEIGHTS_KEPT).build();
            case RP3BETA -> Json.createObjectBuilder().add("alpha", request.rp3Alpha()).add("beta", request.rp3Beta())
                    .add("kept", ITEM_WEIGHTS_KEPT).build();
            default -> JsonObject.EMPTY_JSON_OBJECT;
        };
    }

    static JsonObject json(AlgorithmMetrics m, long trainMillis) {
        JsonObjectBuilder at = Json.createObjectBuilder();
        for (MetricsAtK a : m.atK()) {
            JsonObjectBuilder values = Json.createObjectBuilder();
            number(values, "precision", a.precision());
            number(values, "recall", a.recall());
            number(values, "ndcg", a.ndcg());
            number(values, "map", a.map());
            number(values, "mrr", a.mrr());
            number(values, "hitRate", a.hitRate());
            number(values, "coverage", a.coverage());
            number(values, "novelty", a.novelty());
            number(values, "diversity", a.diversity());
            number(values, "f1", a.f1());
            JsonObjectBuilder intervals = Json.createObjectBuilder();
            a.intervals().forEach((metric, bounds) -> {
                if (Double.isFinite(bounds[0]) && Double.isFinite(bounds[1])) {
                    intervals.add(metric, Json.createArrayBuilder().add(bounds[0]).add(bounds[1]));
                }
            });
            values.add("ci95", intervals);
            at.add(Integer.toString(a.k()), values);
        }
        JsonObjectBuilder json = Json.createObjectBuilder().add("users", m.users()).add("skippedUsers", m.skippedUsers());
        number(json, "mrr", m.mrr());
        return json.add("trainMillis", trainMillis).add("rankMillis", m.rankMillis()).add("at", at).build();
    }

    /** JSON has no NaN: a metric that does not apply (diversity without vectors) is null. */
    private static void number(JsonObjectBuilder json, String name, double value) {
        if (Double.isFinite(value)) {
            json.add(name, value);
        } else {
            json.addNull(name);
        }
    }
}
