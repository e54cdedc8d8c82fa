package org.openreco.recommender.evaluation.control;

import org.openreco.recommender.training.control.InteractionMatrix;
import org.openreco.recommender.training.control.Scorer;

/**
 * The cold-start view of an evaluation: only the test rows of cold items (items without any training
 * row) are relevant, and only cold items are ranked — every other item scores NaN, which the
 * {@link Evaluator} ranks after all candidates.
 */
final class ColdItems {

    private ColdItems() {
    }

    /** The test rows whose item is cold (dimensions kept). */
    static InteractionMatrix testRows(InteractionMatrix test, boolean[] cold) {
        int[] u = new int[test.nonZeros()], i = new int[test.nonZeros()];
        float[] w = new float[test.nonZeros()];
        int n = 0;
        for (int r = 0; r < test.rows(); r++) {
            for (int e = test.rowStart(r); e < test.rowEnd(r); e++) {
                if (cold[test.column(e)]) {
                    u[n] = r;
                    i[n] = test.column(e);
                    w[n++] = test.value(e);
                }
            }
        }
        return InteractionMatrix.of(test.rows(), test.cols(), u, i, w, n);
    }

    /** The scorer's scores for the cold items, NaN for every other item. */
    static Scorer only(Scorer scorer, boolean[] cold) {
        return new Scorer() {
            @Override
            public int itemCount() {
                return scorer.itemCount();
            }

            @Override
            public void score(int user, float[] scores) {
                scorer.score(user, scores);
                for (int i = 0; i < scores.length; i++) {
                    if (!cold[i]) {
                        scores[i] = Float.NaN;
                    }
                }
            }
        };
    }
}
