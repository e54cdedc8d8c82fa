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

    @Test
    void everyItemsInnerProductOverTheFactorMajorCopyIsItsDotProduct() {
        var random = new Random(5);
        for (int n : new int[] {1, 7, 16, 17, 100}) {
            for (int k : new int[] {1, 8, 64}) {
                float[] rows = new float[n * k];
                float[] u = new float[k];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = random.nextFloat() - 0.5f;
                }
                for (int f = 0; f < k; f++) {
                    u[f] = random.nextFloat() - 0.5f;
                }
                var model = new RankingModel(n, k, rows, null, null, new int[0], new float[0], null, new int[0],
                        new BlendWeights(1, 0, 0, 0));
                float[] pipeline = RankingPipeline.innerProducts(model, u);
                float[] lanes = new float[n];
                VectorDot.innerProducts(model.factorColumns(), n, k, u, lanes);
                for (int i = 0; i < n; i++) {
                    double exact = 0;
                    for (int f = 0; f < k; f++) {
                        exact += (double) rows[i * k + f] * u[f];
                    }
                    assertEquals(exact, pipeline[i], 1e-4, "pipeline, item " + i + " of " + n + ", k " + k);
                    assertEquals(exact, lanes[i], 1e-4, "Vector API, item " + i + " of " + n + ", k " + k);
                }
            }
        }
    }
}
