package org.openreco.recommender.ranking;

/**
 * An item × item model kept sparse: per item i the items j it points to and the weights W(i, j), largest
 * first. A user's score for j is the sum of W(i, j) over their recent items i, and the i that gave the
 * most is the reason ("because you watched i"). EASE and RP3beta are served this way, so memory is
 * items × kept weights whatever the algorithm needed to train.
 *
 * @param targets per item the items its weights point to (empty: none)
 * @param weights aligned with {@code targets}
 */
public record ItemWeights(int[][] targets, float[][] weights) {

    public ItemWeights {
        if (targets.length != weights.length) {
            throw new IllegalArgumentException("misaligned item weights");
        }
    }
}
