package org.openreco.recommender.evaluation.control;

import org.openreco.recommender.training.control.InteractionMatrix;

/** A partition of some rows of a log into training and test rows (both ascending). */
public record Split(InteractionLog log, int[] train, int[] test) {

    public InteractionMatrix trainMatrix() {
        return log.matrix(train);
    }

    public InteractionMatrix testMatrix() {
        return log.matrix(test);
    }

    /** A validation split carved out of this split's training rows only (the test rows stay unseen). */
    public Split validation(double ratio, long seed) {
        return Splitter.randomHoldout(log, train, ratio, seed);
    }
}
