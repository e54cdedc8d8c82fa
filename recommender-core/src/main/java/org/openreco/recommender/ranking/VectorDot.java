package org.openreco.recommender.ranking;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products with the JDK's Vector API: as many multiply-adds per instruction as the CPU's widest
 * registers hold (16 floats with AVX-512). Loaded only when the JVM has the incubator module
 * ({@code --add-modules jdk.incubator.vector}); {@link RankingPipeline#dot} falls back to plain loops
 * otherwise.
 */
final class VectorDot {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorDot() {
    }

    static float dot(float[] a, int from, float[] b, int length) {
        var sum = FloatVector.zero(SPECIES);
        int d = 0;
        for (int upper = SPECIES.loopBound(length); d < upper; d += SPECIES.length()) {
            sum = FloatVector.fromArray(SPECIES, a, from + d).fma(FloatVector.fromArray(SPECIES, b, d), sum);
        }
        float s = sum.reduceLanes(VectorOperators.ADD);
        for (; d < length; d++) {
            s += a[from + d] * b[d];
        }
        return s;
    }

    /**
     * scores[i] = Σ_f u[f] · columns[f·n + i] for every item i of a factor-major matrix, a register's
     * width of items at a time: each lane sums its item's factors in order, nothing is summed across lanes.
     */
    static void innerProducts(float[] columns, int n, int k, float[] u, float[] scores) {
        int i = 0;
        for (int upper = SPECIES.loopBound(n); i < upper; i += SPECIES.length()) {
            var sum = FloatVector.zero(SPECIES);
            for (int f = 0; f < k; f++) {
                sum = FloatVector.fromArray(SPECIES, columns, f * n + i).fma(FloatVector.broadcast(SPECIES, u[f]), sum);
            }
            sum.intoArray(scores, i);
        }
        for (; i < n; i++) {
            float s = 0;
            for (int f = 0; f < k; f++) {
                s = Math.fma(columns[f * n + i], u[f], s);
            }
            scores[i] = s;
        }
    }
}
