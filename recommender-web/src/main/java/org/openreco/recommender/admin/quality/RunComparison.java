package org.openreco.recommender.admin.quality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.openreco.recommender.evaluation.boundary.AlgorithmResult;
import org.openreco.recommender.evaluation.boundary.EvaluationRun;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;

/**
 * Two evaluation runs side by side: for every algorithm and metric at every K either run reports, both
 * values with their 95 % bootstrap intervals over users where the runs have them, and the second minus the
 * first (NaN where a run lacks the value).
 */
final class RunComparison {

    /**
     * One compared value: e.g. ials, ndcg@10, 0.31 in the first run, 0.33 in the second, each with its interval
     * {low, high} (null where the run has none).
     */
    record Row(String algorithm, String metric, double first, double second, double[] firstInterval,
            double[] secondInterval) {

        Row(String algorithm, String metric, double first, double second) {
            this(algorithm, metric, first, second, null, null);
        }

        double difference() {
            return second - first;
        }
    }

    /** The metrics at K in the order the metric table shows them. */
    static final Map<String, ToDoubleFunction<MetricsAtK>> METRICS = orderedMetrics();

    private RunComparison() {
    }

    static List<Row> rows(EvaluationRun first, EvaluationRun second) {
        var algorithms = new LinkedHashSet<String>();
        var ks = new TreeSet<Integer>();
        for (var run : List.of(first, second)) {
            for (var result : run.results()) {
                algorithms.add(result.algorithm());
                result.atK().forEach(m -> ks.add(m.k()));
            }
        }
        var rows = new ArrayList<Row>();
        for (String algorithm : algorithms) {
            var a = result(first, algorithm);
            var b = result(second, algorithm);
            for (int k : ks) {
                for (var metric : METRICS.entrySet()) {
                    double x = a.flatMap(r -> at(r, k)).map(m -> metric.getValue().applyAsDouble(m)).orElse(Double.NaN);
                    double y = b.flatMap(r -> at(r, k)).map(m -> metric.getValue().applyAsDouble(m)).orElse(Double.NaN);
                    if (!Double.isNaN(x) || !Double.isNaN(y)) {
                        double[] xi = a.flatMap(r -> at(r, k)).map(m -> m.intervals().get(metric.getKey())).orElse(null);
                        double[] yi = b.flatMap(r -> at(r, k)).map(m -> m.intervals().get(metric.getKey())).orElse(null);
                        rows.add(new Row(algorithm, metric.getKey() + "@" + k, x, y, xi, yi));
                    }
                }
            }
            rows.add(new Row(algorithm, "mrr (full ranking)", a.map(AlgorithmResult::mrr).orElse(Double.NaN),
                    b.map(AlgorithmResult::mrr).orElse(Double.NaN)));
        }
        return rows;
    }

    static Optional<AlgorithmResult> result(EvaluationRun run, String algorithm) {
        return run.results().stream().filter(r -> r.algorithm().equals(algorithm)).findFirst();
    }

    static Optional<MetricsAtK> at(AlgorithmResult result, int k) {
        return result.atK().stream().filter(m -> m.k() == k).findFirst();
    }

    private static Map<String, ToDoubleFunction<MetricsAtK>> orderedMetrics() {
        var metrics = new LinkedHashMap<String, ToDoubleFunction<MetricsAtK>>();
        metrics.put("precision", MetricsAtK::precision);
        metrics.put("recall", MetricsAtK::recall);
        metrics.put("f1", MetricsAtK::f1);
        metrics.put("ndcg", MetricsAtK::ndcg);
        metrics.put("map", MetricsAtK::map);
        metrics.put("mrr", MetricsAtK::mrr);
        metrics.put("hitRate", MetricsAtK::hitRate);
        metrics.put("coverage", MetricsAtK::coverage);
        metrics.put("novelty", MetricsAtK::novelty);
        metrics.put("diversity", MetricsAtK::diversity);
        return Collections.unmodifiableMap(metrics);
    }
}
