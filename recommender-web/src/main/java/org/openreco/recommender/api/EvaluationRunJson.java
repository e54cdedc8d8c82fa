package org.openreco.recommender.api;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.openreco.recommender.evaluation.boundary.AlgorithmResult;
import org.openreco.recommender.evaluation.boundary.EvaluationRun;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;

/** An evaluation run as the API shows it: JSON has no NaN, so a metric that does not apply is null. */
public record EvaluationRunJson(long id, String catalogue, Long modelVersionId, String status, String protocol,
        JsonObject split, List<Integer> k, Instant startedAt, Instant finishedAt, Long durationMs, JsonObject data,
        List<Result> results, JsonObject coldStart, String error) {

    public record Result(String algorithm, JsonObject parameters, List<AtK> atK, Double mrr, int users, long trainMillis) {
    }

    /** @param ci95 per metric its 95 % bootstrap interval over users, [low, high] (empty for older runs) */
    public record AtK(int k, Double precision, Double recall, Double ndcg, Double map, Double mrr, Double hitRate,
            Double coverage, Double novelty, Double diversity, Double f1, java.util.Map<String, List<Double>> ci95) {
    }

    static EvaluationRunJson of(EvaluationRun run) {
        return new EvaluationRunJson(run.id(), run.catalogue(), run.modelVersionId(), run.status(), run.protocol(),
                run.split(), run.k(), run.startedAt(), run.finishedAt(), run.durationMs(), run.data(),
                run.results().stream().map(EvaluationRunJson::result).toList(), run.coldStart(), run.error());
    }

    private static Result result(AlgorithmResult r) {
        return new Result(r.algorithm(), r.parameters(), r.atK().stream().map(EvaluationRunJson::atK).toList(),
                finite(r.mrr()), r.users(), r.trainMillis());
    }

    private static AtK atK(MetricsAtK m) {
        return new AtK(m.k(), finite(m.precision()), finite(m.recall()), finite(m.ndcg()), finite(m.map()),
                finite(m.mrr()), finite(m.hitRate()), finite(m.coverage()), finite(m.novelty()), finite(m.diversity()),
                finite(m.f1()), intervals(m));
    }

    private static java.util.Map<String, List<Double>> intervals(MetricsAtK m) {
        var intervals = new java.util.LinkedHashMap<String, List<Double>>();
        m.intervals().forEach((metric, bounds) -> {
            if (Double.isFinite(bounds[0]) && Double.isFinite(bounds[1])) {
                intervals.put(metric, List.of(bounds[0], bounds[1]));
            }
        });
        return intervals;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
