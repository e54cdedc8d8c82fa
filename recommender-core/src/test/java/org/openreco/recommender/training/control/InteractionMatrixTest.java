package org.openreco.recommender.training.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InteractionMatrixTest {

    // 3 users × 4 items; (0,2) twice (1 + 2 = 3), (1,1): 2 − 5 < 0 is dropped, (2,3) is −1 alone: dropped
    static InteractionMatrix sample() {
        int[] rows = {0, 1, 0, 2, 0, 1, 1, 2};
        int[] cols = {2, 3, 0, 3, 2, 1, 1, 1};
        float[] w = {1, 4, 5, 3, 2, 2, -5, -1};
        return InteractionMatrix.of(3, 4, rows, cols, w, w.length);
    }

    @Test
    void repeated_pairs_are_summed_and_non_positive_sums_dropped_with_columns_sorted_per_row() {
        InteractionMatrix m = sample();
        assertEquals(3, m.rows());
        assertEquals(4, m.cols());
        assertArrayEquals(new int[] {0, 2}, m.rowColumns(0));
        assertArrayEquals(new int[] {3}, m.rowColumns(1));
        assertArrayEquals(new int[] {3}, m.rowColumns(2)); // (2,3) weight 3; (2,1) −1 dropped
        assertEquals(5f, m.value(m.rowStart(0)));
        assertEquals(3f, m.value(m.rowStart(0) + 1));
        assertEquals(4, m.nonZeros());
        assertTrue(m.contains(0, 2));
        assertFalse(m.contains(1, 1));
    }

    @Test
    void the_transpose_holds_the_same_cells_by_column() {
        InteractionMatrix t = sample().transpose();
        assertEquals(4, t.rows());
        assertEquals(3, t.cols());
        assertArrayEquals(new int[] {0}, t.rowColumns(0));
        assertArrayEquals(new int[] {}, t.rowColumns(1));
        assertArrayEquals(new int[] {0}, t.rowColumns(2));
        assertArrayEquals(new int[] {1, 2}, t.rowColumns(3));
        assertEquals(4f, t.value(t.rowStart(3)));
        assertEquals(3f, t.value(t.rowStart(3) + 1));
        assertArrayEquals(new int[] {1, 0, 1, 2}, sample().columnCounts());
    }

    @Test
    void a_triple_outside_the_dimensions_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> InteractionMatrix.of(2, 2, new int[] {2}, new int[] {0}, new float[] {1}, 1));
    }

    @Test
    void triples_by_external_id_get_dense_indices_in_order_of_first_appearance() {
        InteractionTriples triples = new InteractionTriples()
                .add("alice", "lamp", 1).add("bob", "desk", 2).add("alice", "desk", 1).add("alice", "lamp", 1);
        InteractionMatrix m = triples.matrix();
        assertEquals(0, triples.users().indexOf("alice"));
        assertEquals("desk", triples.items().id(1));
        assertEquals(-1, triples.items().indexOf("chair"));
        assertArrayEquals(new int[] {0, 1}, m.rowColumns(0));
        assertEquals(2f, m.value(m.rowStart(0))); // lamp twice
    }
}
