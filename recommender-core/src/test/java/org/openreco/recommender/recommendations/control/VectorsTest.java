package org.openreco.recommender.recommendations.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VectorsTest {

    @Test
    void theTextFormReadsBackExactly() {
        float[] v = {0.1f, -2.5e-7f, 3f, Float.MIN_NORMAL};
        assertEquals("[0.1,-2.5E-7,3.0,1.1754944E-38]", Vectors.text(v));
        assertArrayEquals(v, Vectors.parse(Vectors.text(v)));
        assertArrayEquals(v, Vectors.parse("[0.1, -2.5e-07, 3, 1.17549435e-38]"));
    }

    @Test
    void examplesMovePastThePositivesAwayFromTheNegativesAsQdrantsAverageVectorDoes() {
        float[] target = Vectors.towardsAndAway(List.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}), List.of(new float[] {0, 1, 0}));
        // 2·(0.5, 0.5, 0) − (0, 1, 0) = (1, 0, 0)
        assertArrayEquals(new float[] {1, 0, 0}, target, 1e-6f);
        assertArrayEquals(new float[] {0.6f, 0.8f, 0}, Vectors.towardsAndAway(List.of(new float[] {3, 4, 0}), List.of()), 1e-6f);
    }

    @Test
    void aBlendLeansTowardsTheSecondVectorByItsShareAndStaysUnitLength() {
        float[] mix = Vectors.blend(new float[] {1, 0}, new float[] {0, 1}, 0.25f);
        assertEquals(3.0, mix[0] / mix[1], 1e-5);
        assertEquals(1.0, mix[0] * mix[0] + mix[1] * mix[1], 1e-6);
    }
}
