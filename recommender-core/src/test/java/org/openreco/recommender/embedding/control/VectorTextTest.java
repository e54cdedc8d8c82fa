package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VectorTextTest {

    @Test
    void a_vector_survives_the_round_trip_through_pgvectors_text_form() {
        float[] v = {0.25f, -1.5e-7f, 3f};
        assertEquals("[0.25,-1.5E-7,3.0]", VectorText.format(v));
        assertArrayEquals(v, VectorText.parse(VectorText.format(v)));
        assertArrayEquals(new float[] {1, 2}, VectorText.parse("[1,2]"));
        assertNull(VectorText.parse(null));
        assertNull(VectorText.format(null));
    }
}
