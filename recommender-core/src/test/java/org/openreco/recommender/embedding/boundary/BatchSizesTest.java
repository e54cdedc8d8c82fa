package org.openreco.recommender.embedding.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.embedding.control.ReembeddingBatch.Report;

class BatchSizesTest {

    private static Report report(int claimed, long durationMs) {
        return new Report(claimed, claimed, 0, claimed, 0, durationMs, new int[0]);
    }

    @Test
    void a_new_catalogue_starts_with_one_small_batch_and_doubles_while_batches_are_full_and_quick() {
        var sizes = new BatchSizes();
        assertEquals(32, sizes.next(1));
        assertFalse(sizes.sideBySide(1));
        sizes.done(1, 32, List.of(report(32, 100)));
        assertEquals(64, sizes.next(1));
    }

    @Test
    void a_slow_batch_shrinks_the_next_in_proportion_down_to_the_minimum() {
        var sizes = new BatchSizes();
        sizes.done(1, 256, List.of(report(256, 4_000)));
        assertEquals(64, sizes.next(1));
        assertFalse(sizes.sideBySide(1), "slow batches are encoding-bound: no second one beside them");
        sizes.done(1, 64, List.of(report(64, 60_000)));
        assertEquals(BatchSizes.MIN_SIZE, sizes.next(1));
    }

    @Test
    void full_quick_batches_grow_back_to_the_default_and_run_side_by_side() {
        var sizes = new BatchSizes();
        sizes.done(1, 256, List.of(report(256, 8_000)));
        assertEquals(32, sizes.next(1));
        sizes.done(1, 32, List.of(report(32, 300)));
        assertEquals(64, sizes.next(1));
        assertTrue(sizes.sideBySide(1));
        sizes.done(1, 64, List.of(report(64, 300), report(64, 280)));
        sizes.done(1, 128, List.of(report(128, 300), report(100, 280)));
        assertEquals(256, sizes.next(1));
        sizes.done(1, 256, List.of(report(256, 300), report(256, 280)));
        assertEquals(256, sizes.next(1), "never beyond the default: event writers wait for claimed marks");
        assertTrue(sizes.sideBySide(1));
    }

    @Test
    void a_queue_that_is_not_full_keeps_the_size_and_runs_one_batch() {
        var sizes = new BatchSizes();
        sizes.done(1, 256, List.of(report(40, 200)));
        assertEquals(256, sizes.next(1));
        assertFalse(sizes.sideBySide(1));
        sizes.done(2, 256, List.of(report(256, 200)));
        assertTrue(sizes.sideBySide(2));
        sizes.reset(2);
        assertFalse(sizes.sideBySide(2));
        assertEquals(32, sizes.next(2));
    }
}
