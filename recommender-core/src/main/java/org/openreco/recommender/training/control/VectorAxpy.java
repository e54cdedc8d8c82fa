package org.openreco.recommender.training.control;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SymmetricInverse#axpy} with the JDK's Vector API: the JIT does not vectorise the plain loop
 * when source and target may be the same array, which they are in the Cholesky step. Loaded only
 * when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorAxpy {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorAxpy() {
    }

    static void axpy(float c, float[] x, int xFrom, float[] y, int yFrom, int length) {
        var factor = FloatVector.broadcast(SPECIES, c);
        int d = 0;
        for (int upper = SPECIES.loopBound(length); d < upper; d += SPECIES.length()) {
            FloatVector.fromArray(SPECIES, x, xFrom + d).fma(factor, FloatVector.fromArray(SPECIES, y, yFrom + d))
                    .intoArray(y, yFrom + d);
        }
        for (; d < length; d++) {
            y[yFrom + d] += c * x[xFrom + d];
        }
    }
}
