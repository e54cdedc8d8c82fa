package org.openreco.recommender.training.boundary;

/** Told after every training epoch, e.g. to show progress or to stop early by throwing. */
@FunctionalInterface
public interface EpochListener {

    /**
     * @param epoch        1-based
     * @param loss         the full weighted loss after the epoch, Σ c·(p − x·y)² over all user × item
     *                     cells plus λ(‖X‖² + ‖Y‖²)
     * @param elapsedNanos time of this epoch (solves and loss)
     */
    void epochDone(int epoch, double loss, long elapsedNanos);

    EpochListener NONE = (epoch, loss, elapsedNanos) -> {
    };
}
