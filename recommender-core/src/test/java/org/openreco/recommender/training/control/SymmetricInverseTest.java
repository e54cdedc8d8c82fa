package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricInverseTest {

    @Test
    void a_three_by_three_inverse_matches_the_adjugate() {
        // [[3,2,1],[2,4,2],[1,2,3]]: det 16, adjugate [[8,−4,0],[−4,8,−4],[0,−4,8]]
        float[] a = {3, 2, 1, 2, 4, 2, 1, 2, 3};
        SymmetricInverse.invert(a, 3, 1);
        assertArrayEquals(new float[] {0.5f, -0.25f, 0, -0.25f, 0.5f, -0.25f, 0, -0.25f, 0.5f}, a, 1e-6f);
    }

    @Test
    void a_matrix_over_several_blocks_times_its_inverse_is_the_identity() {
        int n = 2 * SymmetricInverse.BLOCK + 7;
        var random = new Random(3);
        float[] a = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i * n + j] = a[j * n + i] = random.nextInt(3);
            }
            a[i * n + i] += n; // diagonally dominant: positive definite
        }
        for (int threads : new int[] {1, 2}) {
            float[] inverse = a.clone();
            SymmetricInverse.invert(inverse, n, threads);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    for (int k = 0; k < n; k++) {
                        sum += (double) a[i * n + k] * inverse[k * n + j];
                    }
                    assertEquals(i == j ? 1 : 0, sum, 1e-5, "(" + i + ", " + j + ") with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void a_matrix_that_is_not_positive_definite_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> SymmetricInverse.invert(new float[] {1, 2, 2, 1}, 2, 1));
    }
}
