package org.openreco.recommender.admin.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.evaluation.boundary.AlgorithmResult;
import org.openreco.recommender.evaluation.boundary.EvaluationRun;
import org.openreco.recommender.evaluation.boundary.MetricsAtK;

class RunComparisonTest {

    @Test
    void every_metric_either_run_has_appears_per_algorithm_and_k_with_both_values_and_the_difference() {
        var first = run(1, new AlgorithmResult("ials", JsonValue.EMPTY_JSON_OBJECT,
                List.of(at(10, 0.30), at(20, 0.35)), 0.40, 600, 1000));
        var second = run(2, new AlgorithmResult("ials", JsonValue.EMPTY_JSON_OBJECT,
                List.of(at(10, 0.33), at(20, 0.36)), 0.45, 600, 1000),
                new AlgorithmResult("hybrid", JsonValue.EMPTY_JSON_OBJECT, List.of(at(10, 0.40)), 0.50, 600, 1000));

        var rows = RunComparison.rows(first, second);

        // ials: 10 metrics at K 10 and 20, plus the full-ranking MRR; hybrid: 10 metrics at K 10 only, plus MRR;
        // diversity is NaN in both runs (no item vectors), so it has no row
        assertEquals(2 * 9 + 1 + 9 + 1, rows.size(), rows::toString);
        assertTrue(rows.stream().noneMatch(r -> r.metric().startsWith("diversity")), rows::toString);
        var ndcg = rows.stream().filter(r -> r.algorithm().equals("ials") && r.metric().equals("ndcg@10")).findFirst().orElseThrow();
        assertEquals(0.30, ndcg.first(), 1e-12);
        assertEquals(0.33, ndcg.second(), 1e-12);
        assertEquals(0.03, ndcg.difference(), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.35}, ndcg.firstInterval(), 1e-12, "the first run's interval");
        assertArrayEquals(new double[] {0.28, 0.38}, ndcg.secondInterval(), 1e-12);
        var f1 = rows.stream().filter(r -> r.algorithm().equals("ials") && r.metric().equals("f1@10")).findFirst().orElseThrow();
        assertEquals(0.15, f1.first(), 1e-12);
        assertEquals(null, f1.firstInterval(), "no interval stored for F1 here");
        var mrr = rows.stream().filter(r -> r.algorithm().equals("ials") && r.metric().startsWith("mrr (")).findFirst().orElseThrow();
        assertEquals(0.05, mrr.difference(), 1e-12);
        var hybrid = rows.stream().filter(r -> r.algorithm().equals("hybrid") && r.metric().equals("ndcg@10")).findFirst().orElseThrow();
        assertTrue(Double.isNaN(hybrid.first()) && hybrid.second() == 0.40, "the first run had no hybrid: " + hybrid);
        assertTrue(rows.stream().noneMatch(r -> r.algorithm().equals("hybrid") && r.metric().endsWith("@20")),
                "neither run has the hybrid at 20");
    }

    /** Every metric at K is the given value except NDCG, so that a mixed-up column shows; NDCG ± 0.05 as its interval. */
    private static MetricsAtK at(int k, double ndcg) {
        return new MetricsAtK(k, 0.1, 0.2, ndcg, 0.05, 0.3, 0.6, 0.4, 9.5, Double.NaN, 0.15,
                java.util.Map.of("ndcg", new double[] {ndcg - 0.05, ndcg + 0.05}));
    }

    private static EvaluationRun run(long id, AlgorithmResult... results) {
        return new EvaluationRun(id, "shop", null, "finished", "random", JsonValue.EMPTY_JSON_OBJECT, List.of(10, 20),
                Instant.EPOCH, Instant.EPOCH, 1000L, JsonValue.EMPTY_JSON_OBJECT, List.of(results), null, null);
    }
}
