package org.openreco.recommender.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DotProductTest {

    @Test
    void theVectorApiAndThePlainLoopAgreeOnEveryLengthAndOffset() {
        var random = new Random(3);
        for (int length : new int[] {1, 3, 15, 16, 17, 64, 384, 385}) {
            float[] a = new float[length + 7], b = new float[length];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextFloat() - 0.5f;
            }
            double exact = 0;
            for (int i = 0; i < length; i++) {
                b[i] = random.nextFloat() - 0.5f;
                exact += (double) a[7 + i] * b[i];
            }
            assertEquals(exact, VectorDot.dot(a, 7, b, length), 1e-4, "Vector API, length " + length);
            assertEquals(exact, RankingPipeline.scalarDot(a, 7, b, length), 1e-4, "plain loop, length " + length);
            assertEquals(exact, RankingPipeline.dot(a, 7, b, length), 1e-4, "the pipeline's, length " + length);
        }
    }
}
