package org.openreco.recommender.training.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hybrid: the weighted sum of its parts' scores, each first min–max normalised to [0, 1] over the
 * user's candidates (the items outside the user's training row), so that weights compare sources on one
 * scale whatever their raw ranges (counts, cosines sums, inner products).
 */
public final class Blend implements Algorithm {

    private final List<Algorithm> parts;
    private final double[] weights;
    private final ScoreNormalisation normalisation;

    public Blend(List<Algorithm> parts, double[] weights) {
        this(parts, weights, ScoreNormalisation.MIN_MAX);
    }

    /** A blend whose parts are put on one scale by {@code normalisation} instead of min–max. */
    public Blend(List<Algorithm> parts, double[] weights, ScoreNormalisation normalisation) {
        if (parts.size() != weights.length || parts.isEmpty()) {
            throw new IllegalArgumentException("one weight per part");
        }
        this.parts = List.copyOf(parts);
        this.weights = weights.clone();
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
        return of(scorers, weights, userItems, normalisation);
    }

    /** Blends already trained scorers (the weight search re-weights them without retraining). */
    public static Scorer of(List<Scorer> scorers, double[] weights, InteractionMatrix userItems) {
        return of(scorers, weights, userItems, ScoreNormalisation.MIN_MAX);
    }

    /** Blends already trained scorers, normalising each part's scores by {@code normalisation}. */
    public static Scorer of(List<Scorer> scorers, double[] weights, InteractionMatrix userItems,
            ScoreNormalisation normalisation) {
        double[] w = weights.clone();
        int items = scorers.getFirst().itemCount();
        return new Scorer() {
            @Override
            public int itemCount() {
                return items;
            }

            @Override
            public void score(int user, float[] scores) {
                Arrays.fill(scores, 0f);
                float[] part = new float[items];
                for (int s = 0; s < scorers.size(); s++) {
                    if (w[s] == 0) {
                        continue;
                    }
                    scorers.get(s).score(user, part);
                    if (normalisation == ScoreNormalisation.MIN_MAX) {
                        normalise(part, userItems, user);
                    } else {
                        normalisation.apply(part, userItems, user);
                    }
                    for (int i = 0; i < items; i++) {
                        scores[i] += (float) (w[s] * part[i]);
                    }
                }
            }
        };
    }

    /** Min–max to [0, 1] over the items not in the user's row (all 0 when they score alike). */
    static void normalise(float[] scores, InteractionMatrix userItems, int user) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        int e = userItems.rowStart(user), end = userItems.rowEnd(user);
        for (int i = 0; i < scores.length; i++) {
            if (e < end && userItems.column(e) == i) { // the row is sorted: walk it alongside
                e++;
                continue;
            }
            min = Math.min(min, scores[i]);
            max = Math.max(max, scores[i]);
        }
        float range = max - min;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = range > 0 ? (scores[i] - min) / range : 0f;
        }
    }
}
