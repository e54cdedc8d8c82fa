package org.openreco.recommender.training.control;

/**
 * A trained model's view of one catalogue: a score for every item for a user of its training matrix.
 * Popularity, item-kNN, implicit ALS, content and blends all answer through this, so that one
 * evaluator and one ranker treat them alike.
 */
public interface Scorer {

    /** Number of items (the training matrix's columns); every score array has this length. */
    int itemCount();

    /**
     * Writes every item's score for the user (a row index of the training matrix) into
     * {@code scores}; higher is better. Items the user already has are scored too: excluding them is
     * the caller's choice ({@link #recommend}). Must be safe to call from several threads at once.
     */
    void score(int user, float[] scores);

    /** The user's best {@code k} items, excluding the row's items in {@code seen} (null: none), best first. */
    default int[] recommend(int user, int k, InteractionMatrix seen) {
        float[] scores = new float[itemCount()];
        score(user, scores);
        return TopK.select(scores, k, seen, user);
    }
}
