package org.openreco.recommender.training.control;

import java.util.Arrays;

/**
 * RP3beta (Paudel et al. 2017; strong in Ferrari Dacrema et al. 2019's reproducibility study): an
 * item-to-item model from three-step random walks item → user → item on the binarised interaction
 * graph, with transition probabilities raised to {@code alpha} and the arrival item's popularity
 * penalised by deg(j)^beta:
 * W(i, j) = Σ over users u of i and j of (1/deg(i))^alpha · (1/deg(u))^alpha / deg(j)^beta.
 * The {@code neighbours} largest W(i, ·) are kept per item; a user's score for j is Σ over the user's
 * items i of W(i, j). beta = 0, alpha = 1 is plain P3 (random walk probabilities); larger beta
 * favours the long tail.
 */
public final class Rp3Beta implements Algorithm {

    private final double alpha;
    private final double beta;
    private final int neighbours;
    private final int threads;

    /** @param threads ≤ 0: all processors */
    public Rp3Beta(double alpha, double beta, int neighbours, int threads) {
        if (neighbours < 1 || alpha < 0 || beta < 0) {
            throw new IllegalArgumentException("neighbours ≥ 1, alpha ≥ 0, beta ≥ 0");
        }
        this.alpha = alpha;
        this.beta = beta;
        this.neighbours = neighbours;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "RP3beta";
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "alpha %.2f, beta %.2f, %d neighbours", alpha, beta, neighbours);
    }

    @Override
    public Scorer fit(InteractionMatrix userItems) {
        InteractionMatrix ratings = userItems.binarised();
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
                    table.accumulate(ratings.column(e), 1f, scores);
                }
            }
        };
    }

    /** The walk weights W(i, ·), the {@code neighbours} largest per item. */
    public ItemNeighbours neighbours(InteractionMatrix userItems) {
        InteractionMatrix ratings = userItems.binarised();
        InteractionMatrix itemUsers = ratings.transpose();
        int items = ratings.cols();
        double[] arrivalPenalty = new double[items];
        for (int j = 0; j < items; j++) {
            int degree = itemUsers.rowLength(j);
            arrivalPenalty[j] = degree == 0 ? 0 : 1 / Math.pow(degree, beta);
        }
        double[] userStep = new double[ratings.rows()];
        for (int u = 0; u < userStep.length; u++) {
            int degree = ratings.rowLength(u);
            userStep[u] = degree == 0 ? 0 : Math.pow(1.0 / degree, alpha);
        }
        int[][] chunkNeighbour = new int[items][];
        float[][] chunkWeight = new float[items][];
        try (Parallel parallel = new Parallel(threads)) {
            int[] chunks = parallel.chunks(items, i -> {
                long c = 1;
                for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
                    c += ratings.rowLength(itemUsers.column(e));
                }
                return c;
            });
            parallel.run(chunks, (chunk, from, to) -> {
                double[] walk = new double[items];
                boolean[] seen = new boolean[items];
                int[] touched = new int[items];
                for (int i = from; i < to; i++) {
                    int count = 0;
                    int degree = itemUsers.rowLength(i);
                    double firstStep = degree == 0 ? 0 : Math.pow(1.0 / degree, alpha);
                    for (int e = itemUsers.rowStart(i); e < itemUsers.rowEnd(i); e++) {
                        int u = itemUsers.column(e);
                        double w = firstStep * userStep[u];
                        for (int f = ratings.rowStart(u); f < ratings.rowEnd(u); f++) {
                            int j = ratings.column(f);
                            if (j == i) {
                                continue;
                            }
                            if (!seen[j]) {
                                seen[j] = true;
                                touched[count++] = j;
                            }
                            walk[j] += w;
                        }
                    }
                    Arrays.sort(touched, 0, count); // TopK breaks ties by the lower position: lower item index
                    float[] values = new float[count];
                    for (int n = 0; n < count; n++) {
                        int j = touched[n];
                        values[n] = (float) (walk[j] * arrivalPenalty[j]);
                        walk[j] = 0;
                        seen[j] = false;
                    }
                    int[] best = TopK.select(values, neighbours);
                    chunkNeighbour[i] = new int[best.length];
                    chunkWeight[i] = new float[best.length];
                    for (int n = 0; n < best.length; n++) {
                        chunkNeighbour[i][n] = touched[best[n]];
                        chunkWeight[i][n] = values[best[n]];
                    }
                }
            });
        }
        return ItemNeighbours.packed(chunkNeighbour, chunkWeight);
    }
}
