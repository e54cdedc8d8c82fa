package org.openreco.recommender.evaluation.boundary;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * One algorithm's result in a stored evaluation run.
 *
 * @param algorithm   popularity, item-knn, content, ials or hybrid
 * @param parameters  the parameters it ran with
 * @param atK         metrics at each cut-off, ascending
 * @param mrr         mean reciprocal rank of the first relevant item in the full ranking
 * @param users       users evaluated
 * @param trainMillis its training time
 */
public record AlgorithmResult(String algorithm, JsonObject parameters, List<MetricsAtK> atK, double mrr, int users,
        long trainMillis) {
}
