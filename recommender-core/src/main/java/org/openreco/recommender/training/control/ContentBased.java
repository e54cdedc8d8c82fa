package org.openreco.recommender.training.control;

import java.util.Arrays;

/**
 * Scores items by the cosine between their vector and the user's taste vector, the weighted sum of the
 * unit vectors of the user's training items. The vectors come from outside (text embeddings, genres):
 * {@code itemVectors[i]} for item index i, null where an item has none (it then scores 0).
 */
public final class ContentBased implements Algorithm {

    private final float[][] unitVectors;
    private final int dimensions;

    public ContentBased(float[][] itemVectors) {
        unitVectors = new float[itemVectors.length][];
        int dims = 0;
        for (int i = 0; i < itemVectors.length; i++) {
            float[] v = itemVectors[i];
            if (v == null) {
                continue;
            }
            dims = v.length;
            double norm = 0;
            for (float f : v) {
                norm += (double) f * f;
            }
            if (norm > 0) {
                float[] unit = new float[v.length];
                for (int f = 0; f < v.length; f++) {
                    unit[f] = (float) (v[f] / Math.sqrt(norm));
                }
                unitVectors[i] = unit;
            }
        }
        dimensions = dims;
    }

    @Override
    public String name() {
        return "content";
    }

    @Override
    public Scorer fit(InteractionMatrix userItems) {
        if (userItems.cols() != unitVectors.length) {
            throw new IllegalArgumentException(userItems.cols() + " items but " + unitVectors.length + " item vectors");
        }
        return new Scorer() {
            @Override
            public int itemCount() {
                return unitVectors.length;
            }

            @Override
            public void score(int user, float[] scores) {
                double[] taste = new double[dimensions];
                for (int e = userItems.rowStart(user); e < userItems.rowEnd(user); e++) {
                    float[] v = unitVectors[userItems.column(e)];
                    if (v != null) {
                        for (int f = 0; f < dimensions; f++) {
                            taste[f] += userItems.value(e) * v[f];
                        }
                    }
                }
                double norm = 0;
                for (double t : taste) {
                    norm += t * t;
                }
                if (norm == 0) {
                    Arrays.fill(scores, 0f);
                    return;
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < scores.length; i++) {
                    float[] v = unitVectors[i];
                    double s = 0;
                    if (v != null) {
                        for (int f = 0; f < dimensions; f++) {
                            s += taste[f] * v[f];
                        }
                    }
                    scores[i] = (float) (s / norm);
                }
            }
        };
    }
}
