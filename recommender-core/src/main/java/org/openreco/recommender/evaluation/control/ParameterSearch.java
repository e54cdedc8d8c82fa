package org.openreco.recommender.evaluation.control;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.openreco.recommender.training.boundary.TrainingRequest;
import org.openreco.recommender.training.control.ImplicitAls;
import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.ItemKnn;
import org.openreco.recommender.training.control.Scorer;

/**
 * Tunes a catalogue's algorithms on a validation split (carved from the training part, never the test part)
 * within the time budget the training request names, searching only the parameters the request lets it
 * tune ({@link TrainingRequest#tuned()}; the others keep their values). Cheap algorithms first (item-kNN, RP3beta, EASE), iALS
 * last; per algorithm a coordinate search that starts from the request's values, one parameter at a time
 * over a small grid. For parameters that cost time or memory (neighbours, factors, epochs) the cheapest value
 * within 1 % of the best wins; for the others a value replaces the current one only if it is strictly better,
 * so the search is deterministic.
 *
 * <p>A trial starts only while its estimated time (the algorithm's previous trial, scaled by factors and
 * epochs for iALS) fits into what is left of the budget; the first trial of an algorithm has no estimate, so
 * the search can overrun the budget by at most one trial. Every grid value that did not fit is reported, so
 * the operator sees what a larger budget would have tried.
 */
public final class ParameterSearch {

    /** One parameter's grid, ascending, and whether its cheapest near-best value wins. */
    private record Parameter(String name, String algorithm, double[] grid, boolean costly) {
    }

    /** Cheap algorithms first: with a small budget, they are the ones tuned. */
    private static final List<Parameter> PARAMETERS = List.of(
            new Parameter("neighbours", CatalogueEvaluation.ITEM_TO_ITEM, new double[] {20, 50, 100, 200}, true),
            new Parameter("rp3Beta", CatalogueEvaluation.RP3BETA, new double[] {0, 0.15, 0.3, 0.45, 0.6}, false),
            new Parameter("rp3Alpha", CatalogueEvaluation.RP3BETA, new double[] {0.5, 0.75, 1, 1.25}, false),
            new Parameter("easeLambda", CatalogueEvaluation.EASE, new double[] {50, 100, 250, 500, 1000}, false),
            new Parameter("alpha", "ials", new double[] {1, 3, 10}, false),
            new Parameter("regularization", "ials", new double[] {3, 10, 30, 100}, false),
            new Parameter("factors", "ials", new double[] {32, 64, 128}, true),
            new Parameter("epochs", "ials", new double[] {10, 15, 25}, true));

    /** Within this share of the best validation NDCG a cheaper value of a costly parameter is preferred. */
    static final double NEAR_BEST = 0.99;

    /** One tried setting of an algorithm with its validation NDCG@k and its time (training and ranking). */
    public record Trial(String algorithm, Map<String, Double> setting, double ndcg, long millis) {
    }

    /**
     * @param chosen  the request with the values the search chose (the start's where nothing better was found)
     * @param untried per parameter the grid values the budget did not allow trying
     */
    public record Outcome(TrainingRequest chosen, List<Trial> trials, Map<String, List<Double>> untried, int k,
            long millis) {

        /** The contract format stored with the model version and returned by the training API. */
        public JsonObject json() {
            JsonObjectBuilder chosenJson = Json.createObjectBuilder();
            for (Parameter p : PARAMETERS) {
                chosenJson.add(p.name(), value(chosen, p.name()));
            }
            JsonArrayBuilder trialsJson = Json.createArrayBuilder();
            for (Trial t : trials) {
                JsonObjectBuilder setting = Json.createObjectBuilder();
                t.setting().forEach(setting::add);
                trialsJson.add(Json.createObjectBuilder().add("algorithm", t.algorithm()).add("setting", setting)
                        .add("ndcg", t.ndcg()).add("millis", t.millis()));
            }
            JsonObjectBuilder untriedJson = Json.createObjectBuilder();
            untried.forEach((name, values) -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                values.forEach(array::add);
                untriedJson.add(name, array);
            });
            return Json.createObjectBuilder().add("budgetSeconds", chosen.tuningBudgetSeconds())
                    .add("seconds", millis / 1000.0).add("metric", "ndcg@" + k)
                    .add("tuned", Json.createArrayBuilder(chosen.tuned())).add("chosen", chosenJson)
                    .add("trials", trialsJson).add("untried", untriedJson).build();
        }
    }

    private final int k;
    private final int threads;
    private final LongSupplier nanoClock;

    /** @param nanoClock the time in nanoseconds, as {@link System#nanoTime()} */
    ParameterSearch(int k, int threads, LongSupplier nanoClock) {
        this.k = k;
        this.threads = threads;
        this.nanoClock = nanoClock;
    }

    public ParameterSearch(int k, int threads) {
        this(k, threads, System::nanoTime);
    }

    /**
     * @param start      a validated request: the starting values and the budget
     * @param validation a split of the training part only
     */
    public Outcome search(TrainingRequest start, Split validation) {
        long begin = nanoClock.getAsLong();
        long budget = (long) (start.tuningBudgetSeconds() * 1e9);
        InteractionMatrix train = validation.trainMatrix();
        InteractionMatrix test = validation.testMatrix();
        Evaluator evaluator = new Evaluator(new int[] {k}, null, threads);
        List<Trial> trials = new ArrayList<>();
        Map<String, List<Double>> untried = new LinkedHashMap<>();
        TrainingRequest current = start;
        String algorithm = null;
        double currentNdcg = Double.NaN; // NaN: the algorithm's start could not be tried
        double nanosPerUnit = -1; // the algorithm's last trial, per unit of cost; < 0: none yet
        boolean inapplicable = false;
        for (Parameter parameter : PARAMETERS) {
            if (!start.tuned().contains(parameter.name())) {
                continue; // kept as the request gives it
            }
            if (!parameter.algorithm().equals(algorithm)) {
                algorithm = parameter.algorithm();
                nanosPerUnit = -1;
                inapplicable = false;
                currentNdcg = Double.NaN;
                long now = nanoClock.getAsLong();
                if (now - begin < budget) {
                    Scorer scorer = fit(algorithm, current, train);
                    if (scorer == null) {
                        inapplicable = true; // EASE skipped for too many items: the evaluation says why
                    } else {
                        currentNdcg = evaluator.evaluate(algorithm, scorer, train, test).at(k).ndcg();
                        long took = nanoClock.getAsLong() - now;
                        nanosPerUnit = took / cost(algorithm, current);
                        trials.add(new Trial(algorithm, setting(algorithm, current), currentNdcg, took / 1_000_000));
                    }
                }
            }
            if (inapplicable) {
                continue;
            }
            double startValue = value(current, parameter.name());
            Map<Double, Double> ndcgs = new LinkedHashMap<>();
            if (!Double.isNaN(currentNdcg)) {
                ndcgs.put(startValue, currentNdcg);
            }
            for (double v : parameter.grid()) {
                if (v == startValue) {
                    continue;
                }
                TrainingRequest candidate = with(current, parameter.name(), v);
                long now = nanoClock.getAsLong();
                double estimate = nanosPerUnit < 0 ? Double.POSITIVE_INFINITY : nanosPerUnit * cost(algorithm, candidate);
                if (now - begin + estimate > budget) {
                    untried.computeIfAbsent(parameter.name(), name -> new ArrayList<>()).add(v);
                    continue;
                }
                double ndcg = evaluator.evaluate(algorithm, fit(algorithm, candidate, train), train, test).at(k).ndcg();
                long took = nanoClock.getAsLong() - now;
                nanosPerUnit = took / cost(algorithm, candidate);
                trials.add(new Trial(algorithm, setting(algorithm, candidate), ndcg, took / 1_000_000));
                ndcgs.put(v, ndcg);
            }
            if (ndcgs.isEmpty()) {
                continue;
            }
            double chosen = choose(ndcgs, startValue, parameter.costly());
            current = with(current, parameter.name(), chosen);
            currentNdcg = ndcgs.get(chosen);
        }
        return new Outcome(current, List.copyOf(trials), untried, k, (nanoClock.getAsLong() - begin) / 1_000_000);
    }

    /**
     * The value to keep: for a costly parameter the cheapest (lowest) within {@link #NEAR_BEST} of the best;
     * otherwise the best, the start's value unless another is strictly better.
     */
    static double choose(Map<Double, Double> ndcgs, double startValue, boolean costly) {
        double top = ndcgs.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (costly) {
            return ndcgs.entrySet().stream().filter(e -> e.getValue() >= top * NEAR_BEST).mapToDouble(Map.Entry::getKey)
                    .min().orElseThrow();
        }
        double best = ndcgs.containsKey(startValue) ? startValue : Double.NaN;
        double bestNdcg = ndcgs.getOrDefault(startValue, Double.NEGATIVE_INFINITY);
        for (var e : ndcgs.entrySet()) {
            if (e.getValue() > bestNdcg) {
                best = e.getKey();
                bestNdcg = e.getValue();
            }
        }
        return best;
    }

    /** The algorithm trained on {@code train} with the request's values; null when it does not apply. */
    private Scorer fit(String algorithm, TrainingRequest request, InteractionMatrix train) {
        return switch (algorithm) {
            case CatalogueEvaluation.ITEM_TO_ITEM -> new ItemKnn(request.neighbours(), true, threads).fit(train);
            case CatalogueEvaluation.RP3BETA -> CatalogueEvaluation.rp3Beta(request, threads).fit(train);
            case CatalogueEvaluation.EASE -> {
                var trained = CatalogueEvaluation.ease(request, threads).train(train);
                yield trained.weights() == null ? null : trained.weights().scorer(train);
            }
            default -> new ImplicitAls(CatalogueEvaluation.als(request, threads)).fit(train);
        };
    }

    /** A trial's cost in units of the algorithm's previous trial: iALS grows with epochs and factors. */
    private static double cost(String algorithm, TrainingRequest request) {
        return algorithm.equals("ials") ? request.epochs() * Math.pow(request.factors(), 1.5) : 1;
    }

    private static Map<String, Double> setting(String algorithm, TrainingRequest request) {
        Map<String, Double> setting = new LinkedHashMap<>();
        for (Parameter p : PARAMETERS) {
            if (p.algorithm().equals(algorithm)) {
                setting.put(p.name(), value(request, p.name()));
            }
        }
        return setting;
    }

    static double value(TrainingRequest r, String parameter) {
        return switch (parameter) {
            case "neighbours" -> r.neighbours();
            case "rp3Beta" -> r.rp3Beta();
            case "rp3Alpha" -> r.rp3Alpha();
            case "easeLambda" -> r.easeLambda();
            case "alpha" -> r.alpha();
            case "regularization" -> r.regularization();
            case "factors" -> r.factors();
            case "epochs" -> r.epochs();
            default -> throw new IllegalArgumentException(parameter);
        };
    }

    static TrainingRequest with(TrainingRequest r, String parameter, double v) {
        return new TrainingRequest(parameter.equals("factors") ? (int) v : r.factors(), parameter.equals("alpha") ? v : r.alpha(),
                parameter.equals("regularization") ? v : r.regularization(), parameter.equals("epochs") ? (int) v : r.epochs(),
                parameter.equals("neighbours") ? (int) v : r.neighbours(), r.testRatio(), r.seed(), r.k(),
                parameter.equals("easeLambda") ? v : r.easeLambda(), r.easeMaxItems(), parameter.equals("rp3Alpha") ? v : r.rp3Alpha(),
                parameter.equals("rp3Beta") ? v : r.rp3Beta(), r.tuningBudgetSeconds(), r.tuned(), r.split());
    }

    /** Every parameter the search can tune, cheap algorithms first (as {@link TrainingRequest#TUNABLE}). */
    static List<String> parameterNames() {
        return PARAMETERS.stream().map(Parameter::name).toList();
    }
}
