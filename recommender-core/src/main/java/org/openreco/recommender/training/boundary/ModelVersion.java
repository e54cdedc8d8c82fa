package org.openreco.recommender.training.boundary;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * One trained (or training, or failed) collaborative model of a catalogue.
 *
 * @param status          training, trained, active, failed or retired
 * @param triggeredBy     api, console or schedule
 * @param parameters      the training parameters and the tuned blend weights (contract format)
 * @param metrics         headline metrics of the hybrid on the test split, e.g. {"ndcg@10": 0.31, ...}
 * @param evaluationRunId the evaluation run that judged it
 */
public record ModelVersion(long id, String catalogue, String algorithm, String status, String triggeredBy,
        Instant createdAt, Instant startedAt, Instant finishedAt, Instant activatedAt, Integer users, Integer items,
        Long interactions, Integer factors, TrainingProgress progress, JsonObject parameters, JsonObject metrics,
        Long evaluationRunId, String error) {
}
