package org.openreco.recommender.training.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.catalog.control.SettingsJson;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;
import org.openreco.recommender.evaluation.control.CatalogueEvaluation;
import org.openreco.recommender.evaluation.control.EvaluationStore;
import org.openreco.recommender.evaluation.control.ServedSample;
import org.openreco.recommender.ranking.BlendWeights;
import org.openreco.recommender.recommendations.entity.Source;
import java.util.EnumMap;
import java.util.Map;
import org.openreco.recommender.training.boundary.ModelVersion;
import org.openreco.recommender.training.boundary.TrainingRequest;

/**
 * One training of a model version, start to end: load the catalogue's positives, tune the algorithms'
 * parameters and the blend on a validation split, evaluate on a split and store the evaluation run; then,
 * with the chosen values (stored with the version, with each tried setting as {@code tuning}), train iALS and
 * item-kNN (or have the catalogue's Spark job train and store them: {@link SparkJob}), EASE (unless the catalogue has
 * too many items for it: the reason is stored in the version's parameters as {@code easeSkipped}) and
 * RP3beta on all the data with live progress, store factors, neighbours and item weights, then mark the version trained and activate it in one
 * transaction. Each step commits on its own, so serving never waits; the new version serves only after
 * its evaluation is stored. Any failure marks the version failed with a message and removes what it
 * stored; the active version keeps serving.
 */
public final class TrainingRun {

    private static final Logger LOG = Logger.getLogger(TrainingRun.class.getName());
    static final int MAX_ERROR_LENGTH = 2_000;


    private final Transactions transactions;
    private final int threads;
    private final Executor storing;
    private final SparkJob spark;

    /**
     * @param threads worker threads of the algorithms (≤ 0: all processors)
     * @param storing runs the neighbours' writing beside the factors' (in the server a managed executor)
     * @param spark   trains the collaborative model of a catalogue whose engine is Spark
     */
    public TrainingRun(Transactions transactions, int threads, Executor storing, SparkJob spark) {
        this.transactions = transactions;
        this.threads = threads;
        this.storing = storing;
        this.spark = spark;
    }

    public TrainingRun(Transactions transactions, int threads, Executor storing) {
        this(transactions, threads, storing, new SparkJob(transactions));
    }

    /** Outside the server: the neighbours are written on a thread of their own. */
    public TrainingRun(Transactions transactions, int threads) {
        this(transactions, threads, task -> Thread.ofPlatform().name("training-store").daemon().start(task));
    }

    /**
     * Trains the version (status training); never throws: a failure is recorded on the version. The
     * catalogue whose active model it became, empty when it failed.
     */
    public OptionalLong train(long versionId) {
        Long evaluationRun = null;
        ModelStore store = new ModelStore(transactions);
        Phases phases = new Phases();
        List<CompletableFuture<Void>> writing = new ArrayList<>();
        try {
            long catalogueId = transactions.inNew(c -> new ModelVersions(c).catalogueId(versionId));
            ModelVersion version = transactions.inNew(c -> new ModelVersions(c).find(versionId)).orElseThrow();
            TrainingRequest requested = request(version.parameters());
            progress(versionId, "loading", 0, requested.epochs(), List.of());
            CatalogueInteractions.Data data = transactions.inNew(c -> new CatalogueInteractions(c).read(catalogueId));
            phases.done("load");

            progress(versionId, "evaluating", 0, requested.epochs(), List.of());
            long runId = transactions.inNew(c -> new EvaluationStore(c).open(catalogueId, versionId, split(requested), requested.k()));
            evaluationRun = runId;
            var outcome = new CatalogueEvaluation(requested, threads).evaluate(data.log(), data.events(), data.itemVectors(),
                    data.negatives(), data.halfLifeDays());
            transactions.inNew(c -> {
                new EvaluationStore(c).finish(runId, outcome.algorithms(), outcome.metrics(), outcome.data(), outcome.coldStart());
                return null;
            });
            evaluationRun = null;
            phases.done("tuning and evaluation");
            // the final models train on all the data with the values the search chose on validation
            TrainingRequest request = outcome.tuning().chosen();

            List<Double> loss = new ArrayList<>();
            var matrix = data.log().matrix(data.log().allRows());
            String sparkMaster = sparkMaster(catalogueId);
            AlsModel model;
            ItemNeighbours neighbours;
            if (sparkMaster != null) {
                // the job writes the factors and neighbours; they are read back for the served sample
                progress(versionId, "spark: submitting", 0, request.epochs(), loss);
                spark.run(versionId, data.throughId(), sparkMaster);
                phases.done("Spark job on " + sparkMaster);
                model = store.readModel(versionId, data, request.factors(), request.regularization(), request.alpha());
                neighbours = store.readNeighbours(versionId, data);
                phases.done("factors and neighbours read back");
            } else {
                progress(versionId, "training", 0, request.epochs(), loss);
                model = new ImplicitAls(CatalogueEvaluation.als(request, threads), (epoch, value, nanos) -> {
                    loss.add(value);
                    progress(versionId, "training", epoch, request.epochs(), loss);
                }).fit(matrix);
                phases.done("iALS");
                neighbours = new ItemKnn(request.neighbours(), true, threads).neighbours(matrix);
                phases.done("item-kNN");
            }
            Ease.Trained ease = CatalogueEvaluation.ease(request, threads).train(matrix);
            phases.done(ease.weights() != null ? "EASE" : "EASE skipped");
            ItemNeighbours rp3 = CatalogueEvaluation.rp3Beta(request, threads).neighbours(matrix);
            phases.done("RP3beta");
            Map<Source, ItemNeighbours> tables = new EnumMap<>(Source.class);
            if (ease.weights() != null) {
                tables.put(Source.EASE, ease.weights());
            }
            tables.put(Source.RP3BETA, rp3);

            progress(versionId, "storing", request.epochs(), request.epochs(), loss);
            // the HNSW build over the item factors and the neighbours' inserts are each one backend's CPU
            // work: side by side on two connections they take the longer one's time, not the sum
            if (sparkMaster != null) {
                transactions.inNew(connection -> {
                    ModelStore.indexItemFactors(connection, versionId);
                    return null;
                });
                phases.done("item factors' index");
            } else {
                var neighboursStored = CompletableFuture.runAsync(() -> store.neighbours(versionId, data, neighbours), storing);
                writing.add(neighboursStored);
                store.itemFactors(versionId, data, model);
                store.userFactors(versionId, data, model);
                phases.done("factors");
                join(neighboursStored);
                phases.done("neighbours (after the factors)");
            }
            tables.forEach((source, table) -> store.itemWeights(versionId, source.label(), data, table));
            phases.done("item weights");

            JsonObjectBuilder stored = Json.createObjectBuilder(parameters(request, outcome.blend()))
                    .add("tuning", outcome.tuning().json());
            if (ease.skipped() != null) {
                stored.add("easeSkipped", ease.skipped());
            }
            JsonObject parameters = stored.build();
            var blend = outcome.blend();
            var weights = BlendWeights.of(blend.get(CatalogueEvaluation.COLLABORATIVE), blend.get(CatalogueEvaluation.ITEM_TO_ITEM),
                    blend.get(CatalogueEvaluation.CONTENT), blend.get(CatalogueEvaluation.TRENDING), blend.get(CatalogueEvaluation.EASE),
                    blend.get(CatalogueEvaluation.RP3BETA));
            var sample = transactions.inNew(c -> ServedSample.lists(c, catalogueId, data, model, neighbours, tables, weights));
            phases.done("served sample");
            JsonObject metrics = Json.createObjectBuilder(headline(outcome.hybrid().atK(), runId)).add("servedSample", sample).build();
            String done = progressJson("done", request.epochs(), request.epochs(), loss);
            transactions.inNew(c -> {
                var versions = new ModelVersions(c);
                versions.trained(versionId, parameters.toString(), metrics.toString(), data.log().userCount(),
                        data.log().itemCount(), data.events(), request.factors(), done);
                versions.activate(catalogueId, versionId);
                return null;
            });
            phases.done("activation");
            transactions.inNew(c -> new ModelVersions(c).retain(catalogueId));
            phases.done("retention");
            LOG.info("model version " + versionId + " trained and activated (" + phases + "): " + metrics);
            return OptionalLong.of(catalogueId);
        } catch (RuntimeException | Error e) {
            // an Error too (e.g. OutOfMemoryError): the training's data is garbage by now, and a version
            // left "training" would block every later training of the catalogue
            String message = message(e);
            LOG.log(e instanceof Error ? Level.SEVERE : Level.WARNING, "training of model version " + versionId + " failed: " + message,
                    e instanceof Error ? e : null);
            Long run = evaluationRun;
            try {
                transactions.inNew(c -> {
                    new ModelVersions(c).fail(versionId, message);
                    if (run != null) {
                        new EvaluationStore(c).fail(run, message);
                    }
                    return null;
                });
                // what is still being written must end before the version's rows are removed
                writing.forEach(work -> work.exceptionally(problem -> null).join());
                store.remove(versionId);
            } catch (RuntimeException again) {
                LOG.warning("could not record the failure of model version " + versionId + ": " + message(again));
            }
        }
        return OptionalLong.empty();
    }

    /** The Spark master the catalogue's collaborative model is trained on, null when it is trained in the server. */
    private String sparkMaster(long catalogueId) {
        var settings = transactions.inNew(c -> {
            try (var select = c.prepareStatement("select settings::text from catalogue where id = ?")) {
                select.setLong(1, catalogueId);
                try (var rows = select.executeQuery()) {
                    return SettingsJson.read(rows.next() ? rows.getString(1) : null);
                }
            }
        });
        return settings.trainsOnSpark() ? settings.sparkMaster().strip() : null;
    }

    /** A stand-alone evaluation into a running evaluation run (no model stored); never throws. */
    public void evaluate(long catalogueId, long runId, TrainingRequest request) {
        try {
            CatalogueInteractions.Data data = transactions.inNew(c -> new CatalogueInteractions(c).read(catalogueId));
            var outcome = new CatalogueEvaluation(request, threads).evaluate(data.log(), data.events(), data.itemVectors(),
                    data.negatives(), data.halfLifeDays());
            transactions.inNew(c -> {
                new EvaluationStore(c).finish(runId, outcome.algorithms(), outcome.metrics(), outcome.data(), outcome.coldStart());
                return null;
            });
        } catch (RuntimeException | Error e) {
            String message = message(e);
            LOG.warning("evaluation run " + runId + " failed: " + message);
            try {
                transactions.inNew(c -> {
                    new EvaluationStore(c).fail(runId, message);
                    return null;
                });
            } catch (RuntimeException again) {
                LOG.warning("could not record the failure of evaluation run " + runId + ": " + message(again));
            }
        }
    }

    private static void join(CompletableFuture<Void> work) {
        try {
            work.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Wall time per phase, for the log: where a slow training spends its time. */
    static final class Phases {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();
        private final long start = last;

        void done(String phase) {
            long now = System.nanoTime();
            text.append(text.isEmpty() ? "" : ", ").append(phase).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return (System.nanoTime() - start) / 1_000_000 + " ms: " + text;
        }
    }

    private void progress(long versionId, String phase, int epoch, int epochs, List<Double> loss) {
        String json = progressJson(phase, epoch, epochs, loss);
        transactions.inNew(c -> {
            new ModelVersions(c).progress(versionId, json);
            return null;
        });
    }

    static String progressJson(String phase, int epoch, int epochs, List<Double> loss) {
        JsonArrayBuilder losses = Json.createArrayBuilder();
        loss.forEach(losses::add);
        return Json.createObjectBuilder().add("phase", phase).add("epoch", epoch).add("epochs", epochs)
                .add("loss", losses).build().toString();
    }

    public static JsonObject split(TrainingRequest request) {
        return CatalogueEvaluation.splitJson(request);
    }

    /** The parameters a version stores (contract format); blend null while it is training. */
    public static JsonObject parameters(TrainingRequest request, java.util.Map<String, Double> blend) {
        JsonArrayBuilder k = Json.createArrayBuilder();
        request.k().forEach(k::add);
        JsonObjectBuilder json = Json.createObjectBuilder().add("factors", request.factors()).add("alpha", request.alpha())
                .add("regularization", request.regularization()).add("epochs", request.epochs())
                .add("neighbours", request.neighbours()).add("testRatio", request.testRatio()).add("seed", request.seed())
                .add("k", k).add("easeLambda", request.easeLambda()).add("easeMaxItems", request.easeMaxItems())
                .add("rp3Alpha", request.rp3Alpha()).add("rp3Beta", request.rp3Beta())
                .add("tuningBudgetSeconds", request.tuningBudgetSeconds())
                .add("tuned", Json.createArrayBuilder(request.tuned())).add("split", request.split());
        if (blend != null) {
            JsonObjectBuilder weights = Json.createObjectBuilder();
            blend.forEach(weights::add);
            json.add("blend", weights);
        }
        return json.build();
    }

    /** The request a version was started with, from its stored parameters. */
    public static TrainingRequest request(JsonObject parameters) {
        return new TrainingRequest(parameters.getInt("factors"), number(parameters, "alpha"),
                number(parameters, "regularization"), parameters.getInt("epochs"), parameters.getInt("neighbours"),
                number(parameters, "testRatio"), parameters.getJsonNumber("seed").longValue(),
                parameters.getJsonArray("k").getValuesAs(JsonNumber.class).stream().map(JsonNumber::intValue).toList(),
                optional(parameters, "easeLambda"), parameters.get("easeMaxItems") instanceof JsonNumber n ? n.intValue() : null,
                optional(parameters, "rp3Alpha"), optional(parameters, "rp3Beta"),
                // a version stored before tuning existed was trained with its values as they were
                parameters.containsKey("tuningBudgetSeconds") ? optional(parameters, "tuningBudgetSeconds") : Double.valueOf(0),
                parameters.get("tuned") instanceof jakarta.json.JsonArray tuned
                        ? tuned.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList()
                        : List.of(),
                parameters.get("split") instanceof jakarta.json.JsonString split ? split.getString() : null)
                .validated();
    }

    private static double number(JsonObject json, String name) {
        return json.getJsonNumber(name).doubleValue();
    }

    /** A parameter versions stored before it existed lack: null, so the default applies. */
    private static Double optional(JsonObject json, String name) {
        return json.get(name) instanceof JsonNumber n ? n.doubleValue() : null;
    }

    static JsonObject headline(List<MetricsAtK> hybrid, long evaluationRunId) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        for (MetricsAtK m : hybrid) {
            json.add("ndcg@" + m.k(), m.ndcg()).add("recall@" + m.k(), m.recall()).add("precision@" + m.k(), m.precision());
        }
        return json.add("evaluationRunId", evaluationRunId).build();
    }

    /** The failure as one line for the operator: the deepest message, never a stack trace. */
    static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null || cause.getMessage().isBlank()
                ? cause.getClass().getSimpleName()
                : cause instanceof Error ? cause.getClass().getSimpleName() + ": " + cause.getMessage().strip()
                : cause.getMessage().strip();
        message = message.lines().findFirst().orElse(message);
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
    }
}
