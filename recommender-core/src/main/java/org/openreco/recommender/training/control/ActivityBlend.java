package org.openreco.recommender.training.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hybrid whose weights depend on how much the user has done: users fall into buckets by the length of
 * their training history, and each bucket has its own blend weights (light users tend to be served
 * better by neighbourhoods and popularity, heavy ones by factors). {@code upperBounds} are the buckets'
 * exclusive upper history lengths, ascending; the last bucket is open, so there are
 * {@code upperBounds.length + 1} weight vectors.
 */
public final class ActivityBlend implements Algorithm {

    private final List<Algorithm> parts;
    private final int[] upperBounds;
    private final double[][] weights;
    private final ScoreNormalisation normalisation;

    public ActivityBlend(List<Algorithm> parts, int[] upperBounds, double[][] weights, ScoreNormalisation normalisation) {
        if (weights.length != upperBounds.length + 1) {
            throw new IllegalArgumentException("one weight vector per bucket: " + (upperBounds.length + 1));
        }
        for (double[] w : weights) {
            if (w.length != parts.size()) {
                throw new IllegalArgumentException("one weight per part");
            }
        }
        for (int b = 1; b < upperBounds.length; b++) {
            if (upperBounds[b] <= upperBounds[b - 1]) {
                throw new IllegalArgumentException("bucket bounds must ascend");
            }
        }
        this.parts = List.copyOf(parts);
        this.upperBounds = upperBounds.clone();
        this.weights = Arrays.stream(weights).map(double[]::clone).toArray(double[][]::new);
        this.normalisation = normalisation;
    }

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public Scorer fit(InteractionMatrix userItems) {
        List<Scorer> scorers = new ArrayList<>();
        for (Algorithm part : parts) {
            scorers.add(part.fit(userItems));
        }
        return of(scorers, upperBounds, weights, userItems, normalisation);
    }

    /** Bucket-weighted blend of already trained scorers. */
    public static Scorer of(List<Scorer> scorers, int[] upperBounds, double[][] weights, InteractionMatrix userItems,
            ScoreNormalisation normalisation) {
        Scorer[] byBucket = Arrays.stream(weights).map(w -> Blend.of(scorers, w, userItems, normalisation))
                .toArray(Scorer[]::new);
        int[] bounds = upperBounds.clone();
        return new Scorer() {
            @Override
            public int itemCount() {
                return byBucket[0].itemCount();
            }

            @Override
            public void score(int user, float[] scores) {
                byBucket[bucket(userItems.rowLength(user), bounds)].score(user, scores);
            }
        };
    }

    /** The bucket of a history of the given length: the first whose upper bound exceeds it. */
    public static int bucket(int historyLength, int[] upperBounds) {
        int b = 0;
        while (b < upperBounds.length && historyLength >= upperBounds[b]) {
            b++;
        }
        return b;
    }
}
