package org.openreco.recommender.training.control;

import java.util.Arrays;

/**
 * Each item's nearest items by similarity, best first, in compact arrays: item i's neighbours are
 * {@code neighbour[start[i] .. start[i+1])} with {@code similarity} alongside. The item-to-item
 * candidate source of the ranking reads these directly.
 */
public final class ItemNeighbours {

    private final int[] start;
    private final int[] neighbour;
    private final float[] similarity;

    ItemNeighbours(int[] start, int[] neighbour, float[] similarity) {
        this.start = start;
        this.neighbour = neighbour;
        this.similarity = similarity;
    }

    /** From each item's own arrays (neighbours best first, values aligned), packed end to end. */
    static ItemNeighbours packed(int[][] neighbours, float[][] values) {
        int items = neighbours.length;
        int[] start = new int[items + 1];
        for (int i = 0; i < items; i++) {
            start[i + 1] = start[i] + neighbours[i].length;
        }
        int[] neighbour = new int[start[items]];
        float[] similarity = new float[start[items]];
        for (int i = 0; i < items; i++) {
            System.arraycopy(neighbours[i], 0, neighbour, start[i], neighbours[i].length);
            System.arraycopy(values[i], 0, similarity, start[i], values[i].length);
        }
        return new ItemNeighbours(start, neighbour, similarity);
    }

    /** No neighbours for any of the items. */
    static ItemNeighbours empty(int items) {
        return new ItemNeighbours(new int[items + 1], new int[0], new float[0]);
    }

    public int itemCount() {
        return start.length - 1;
    }

    /** The item's neighbours, most similar first (a copy). */
    public int[] neighbours(int item) {
        return Arrays.copyOfRange(neighbour, start[item], start[item + 1]);
    }

    /** Their similarities, aligned with {@link #neighbours} (a copy). */
    public float[] similarities(int item) {
        return Arrays.copyOfRange(similarity, start[item], start[item + 1]);
    }

    /** As the ranking pipeline holds item × item weights, over {@code items} items (those beyond the table: none). */
    public org.openreco.recommender.ranking.ItemWeights asItemWeights(int items) {
        int[][] targets = new int[items][];
        float[][] weights = new float[items][];
        for (int i = 0; i < items; i++) {
            targets[i] = i < itemCount() ? neighbours(i) : new int[0];
            weights[i] = i < itemCount() ? similarities(i) : new float[0];
        }
        return new org.openreco.recommender.ranking.ItemWeights(targets, weights);
    }

    /**
     * Scores a user of {@code userItems} as the ranking pipeline's item × item sources do, but over all of
     * the user's items: Σ over their items i of the table's weight (i, j).
     */
    public Scorer scorer(InteractionMatrix userItems) {
        InteractionMatrix ratings = userItems.binarised();
        return new Scorer() {
            @Override
            public int itemCount() {
                return ratings.cols();
            }

            @Override
            public void score(int user, float[] scores) {
                Arrays.fill(scores, 0f);
                for (int e = ratings.rowStart(user); e < ratings.rowEnd(user); e++) {
                    if (ratings.column(e) < itemCount()) {
                        accumulate(ratings.column(e), 1f, scores);
                    }
                }
            }
        };
    }

    /** Total number of stored (item, neighbour) pairs. */
    public int size() {
        return neighbour.length;
    }

    /** scores[j] += weight · sim(item, j) for the item's neighbours j. */
    void accumulate(int item, float weight, float[] scores) {
        for (int n = start[item]; n < start[item + 1]; n++) {
            scores[neighbour[n]] += weight * similarity[n];
        }
    }
}
