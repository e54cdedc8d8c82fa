package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.embedding.control.TasteFold.Event;
import org.openreco.recommender.embedding.control.TasteFold.Taste;

/** The user taste arithmetic: weighted, decayed, incremental, blended. */
class TasteFoldTest {

    private static final float[] X = {1, 0, 0};
    private static final float[] Y = {0, 1, 0};
    private static final float[] Z = {0, 0, 1};
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final TasteFold fold = new TasteFold(Duration.ofDays(10));

    @Test
    void an_event_one_half_life_older_than_the_newest_counts_half() {
        var taste = fold.fold(Taste.none(3), List.of(
                new Event(1, T0, X),
                new Event(1, T0.plus(Duration.ofDays(10)), Y)));
        assertArrayEquals(new double[] {0.5, 1, 0}, taste.sum(), 1e-9);
        assertEquals(1.5, taste.weight(), 1e-9);
        assertEquals(T0.plus(Duration.ofDays(10)), taste.decayedTo());
    }

    @Test
    void folding_new_events_into_the_stored_sum_equals_folding_the_whole_history_at_once() {
        var history = List.of(new Event(4, T0, X), new Event(1, T0.plus(Duration.ofDays(3)), Y),
                new Event(-4, T0.plus(Duration.ofDays(5)), Z), new Event(8, T0.plus(Duration.ofDays(21)), Y));
        var atOnce = fold.fold(Taste.none(3), history);
        var stepwise = fold.fold(fold.fold(Taste.none(3), history.subList(0, 2)), history.subList(2, 4));
        assertArrayEquals(atOnce.sum(), stepwise.sum(), 1e-9);
        assertEquals(atOnce.weight(), stepwise.weight(), 1e-9);
        assertEquals(atOnce.decayedTo(), stepwise.decayedTo());
    }

    @Test
    void a_late_event_older_than_the_stored_time_is_decayed_to_it_and_does_not_move_the_time_back() {
        var stored = fold.fold(Taste.none(3), List.of(new Event(1, T0.plus(Duration.ofDays(10)), X)));
        var withLate = fold.fold(stored, List.of(new Event(1, T0, Y)));
        assertArrayEquals(new double[] {1, 0.5, 0}, withLate.sum(), 1e-9);
        assertEquals(T0.plus(Duration.ofDays(10)), withLate.decayedTo());
    }

    @Test
    void negative_feedback_pushes_the_vector_away_from_the_disliked_item() {
        var taste = fold.fold(Taste.none(3), List.of(new Event(4, T0, X), new Event(-2, T0, Y)));
        float[] vector = TasteFold.blend(taste, null, 4);
        assertTrue(vector[0] > 0 && vector[1] < 0, () -> java.util.Arrays.toString(vector));
        assertEquals(1, vector[0] * vector[0] + vector[1] * vector[1] + vector[2] * vector[2], 1e-6);
    }

    @Test
    void the_profile_leads_while_the_history_is_short_and_a_long_history_outweighs_it() {
        var oneView = fold.fold(Taste.none(3), List.of(new Event(1, T0, X)));
        float[] early = TasteFold.blend(oneView, Z, 4);
        assertTrue(early[2] > early[0], "profile leads");
        var manyLikes = fold.fold(Taste.none(3), java.util.Collections.nCopies(10, new Event(4, T0, X)));
        float[] later = TasteFold.blend(manyLikes, Z, 4);
        assertTrue(later[0] > later[2], "history leads");
    }

    @Test
    void without_any_signal_there_is_no_vector() {
        assertNull(TasteFold.blend(Taste.none(3), null, 4));
        var cancelled = fold.fold(Taste.none(3), List.of(new Event(2, T0, X), new Event(-2, T0, X)));
        assertNull(TasteFold.blend(cancelled, null, 4));
        assertArrayEquals(new float[] {0, 0, 1}, TasteFold.blend(Taste.none(3), Z, 4), 1e-6f);
    }

    @Test
    void a_taste_decayed_past_memory_starts_over() {
        var old = fold.fold(Taste.none(3), List.of(new Event(1, T0, X)));
        var muchLater = fold.fold(old, List.of(new Event(0, T0.plus(Duration.ofDays(10_000)), Y)));
        assertEquals(0, muchLater.weight());
    }
}
