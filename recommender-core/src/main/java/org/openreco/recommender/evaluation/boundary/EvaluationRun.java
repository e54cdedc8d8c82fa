package org.openreco.recommender.evaluation.boundary;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A stored evaluation run: the algorithms side by side on one split of a catalogue's interactions.
 *
 * @param modelVersionId the model version it judged (null: a stand-alone evaluation)
 * @param status         running, finished or failed
 * @param protocol       e.g. random
 * @param split          {"kind":"random","ratio":0.2,"seed":42}
 * @param data           counts of the data and the split
 * @param coldStart      recall of content vs. collaborative on items seen only in the test split, or null
 */
public record EvaluationRun(long id, String catalogue, Long modelVersionId, String status, String protocol,
        JsonObject split, List<Integer> k, Instant startedAt, Instant finishedAt, Long durationMs, JsonObject data,
        List<AlgorithmResult> results, JsonObject coldStart, String error) {
}
