package org.openreco.recommender.training.boundary;

import java.util.List;

/**
 * Live progress of a training, stored in model_version.progress.
 *
 * @param phase  loading, evaluating, training, storing or done
 * @param epoch  finished epochs of the final training
 * @param epochs epochs asked
 * @param loss   the loss after each finished epoch of the final training
 */
public record TrainingProgress(String phase, int epoch, int epochs, List<Double> loss) {

    public static final TrainingProgress NONE = new TrainingProgress(null, 0, 0, List.of());
}
