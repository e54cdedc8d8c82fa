package org.openreco.recommender.training.control;

/** Fixed-score scorers for tests of other packages. */
public final class BlendTestScorers {

    private BlendTestScorers() {
    }

    public static Scorer fixed(float... values) {
        return BlendTest.fixed(values);
    }
}
