package org.openreco.recommender.training.control;

import java.util.Arrays;

/**
 * Item-based kNN (Sarwar et al. 2001; Deshpande, Karypis 2004): cosine similarity of the items'
 * user columns (binarised, or with the interaction weights), the {@code neighbours} most similar kept
 * per item; a user's score for item j is Σ over the user's items i of w_ui · sim(i, j) for j among
 * i's neighbours.
 *
 * <p>Similarities come from sparse co-occurrence: for item i, walk its users and their items,
 * accumulating dot products in a dense per-thread array. Cost Σ_users deg(u)², no items × items
 * matrix is ever formed.
 */
public final class ItemKnn implements Algorithm {

    private final int neighbours;
    private final boolean binary;
    private final int threads;

    /**
     * @param neighbours kept per item (e.g. 50–200)
     * @param binary     every interaction counts 1 (else its weight counts, in similarity and scoring)
     * @param threads    ≤ 0: all processors
     */
    public ItemKnn(int neighbours, boolean binary, int threads) {
        if (neighbours < 1) {
            throw new IllegalArgumentException("neighbours must be ≥ 1");
        }
        this.neighbours = neighbours;
        this.binary = binary;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "item-kNN";
    }

    @Override
    public Scorer fit(InteractionMatrix userItems) {
        InteractionMatrix ratings = binary ? userItems.binarised() : userItems;
        ItemNeighbours table = neighbours(ratings);
        return new Scorer() {
            @Override
            public int itemCount() {
                return ratings.cols();
            }

            @Override
            public void score(int user, float[] scores) {
                Arrays.fill(scores, 0f);
                for (int e = ratings.rowStart(user); e < ratings.rowEnd(user); e++) {
                    table.accumulate(ratings.column(e), ratings.value(e), scores);
                }
            }
        };
    }

    /** The similarity table alone (for the item-to-item source). */
    public ItemNeighbours neighbours(InteractionMatrix userItems) {
        InteractionMatrix ratings = binary ? userItems.binarised() : userItems;
        InteractionMatrix itemUsers = ratings.transpose();
        int items = ratings.cols();
        double[] norm = new double[items];
        for (int i = 0; i < items; i++) {
            double s = 0;
            for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
                s += (double) itemUsers.value(e) * itemUsers.value(e);
            }
            norm[i] = Math.sqrt(s);
        }
        int[][] chunkNeighbour = new int[items][];
        float[][] chunkSimilarity = new float[items][];
        try (Parallel parallel = new Parallel(threads)) {
            // cost of item i: the entries of its users' rows
            int[] chunks = parallel.chunks(items, i -> {
                long c = 1;
                for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
                    c += ratings.rowLength(itemUsers.column(e));
                }
                return c;
            });
            parallel.run(chunks, (chunk, from, to) -> {
                double[] dot = new double[items];
                boolean[] seen = new boolean[items];
                int[] touched = new int[items];
                for (int i = from; i < to; i++) {
                    int count = 0;
                    for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
                        int u = itemUsers.column(e);
                        double wu = itemUsers.value(e);
                        for (int f = ratings.rowStart(u); f < ratings.rowEnd(u); f++) {
                            int j = ratings.column(f);
                            if (j == i) {
                                continue;
                            }
                            if (!seen[j]) {
                                seen[j] = true;
                                touched[count++] = j;
                            }
                            dot[j] += wu * ratings.value(f);
                        }
                    }
                    // candidates in item order, so that TopK's tie-break (lower index) means lower item index
                    Arrays.sort(touched, 0, count);
                    float[] sims = new float[count];
                    for (int n = 0; n < count; n++) {
                        int j = touched[n];
                        sims[n] = (float) (dot[j] / (norm[i] * norm[j]));
                        dot[j] = 0;
                        seen[j] = false;
                    }
                    int[] best = TopK.select(sims, neighbours);
                    int[] ids = new int[best.length];
                    float[] values = new float[best.length];
                    for (int n = 0; n < best.length; n++) {
                        ids[n] = touched[best[n]];
                        values[n] = sims[best[n]];
                    }
                    chunkNeighbour[i] = ids;
                    chunkSimilarity[i] = values;
                }
            });
        }
        return ItemNeighbours.packed(chunkNeighbour, chunkSimilarity);
    }
}
