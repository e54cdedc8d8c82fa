package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VectorSqlTest {

    @Test
    void pgvectors_binary_form_is_dimensions_then_big_endian_floats() {
        // vector_send('[1,2,3]'::vector) as PostgreSQL returns it
        byte[] sent = {0, 3, 0, 0, 0x3f, (byte) 0x80, 0, 0, 0x40, 0, 0, 0, 0x40, 0x40, 0, 0};
        assertArrayEquals(new float[] {1, 2, 3}, VectorSql.decode(sent));
        assertNull(VectorSql.decode(null));
    }
}
