package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LengthBatchesTest {

    @Test
    void texts_of_similar_length_share_a_batch() {
        var texts = List.of("a long text about lamps", "ab", "a text", "abc", "a long text about chairs", "a");

        var batches = LengthBatches.of(texts, 2);

        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {5, 1}, batches.get(0)); // "a", "ab"
        assertArrayEquals(new int[] {3, 2}, batches.get(1)); // "abc", "a text"
        assertArrayEquals(new int[] {0, 4}, batches.get(2)); // the two long ones
    }

    @Test
    void every_position_appears_exactly_once_so_the_callers_order_can_be_restored() {
        var texts = IntStream.range(0, 37).mapToObj(i -> "x".repeat((i * 7919) % 50)).toList();

        var batches = LengthBatches.of(texts, 16);

        assertEquals(List.of(16, 16, 5), batches.stream().map(b -> b.length).toList());
        int[] positions = batches.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 37).toArray(), positions);
        int[] lengths = batches.stream().flatMapToInt(Arrays::stream).map(i -> texts.get(i).length()).toArray();
        for (int i = 1; i < lengths.length; i++) {
            assertTrue(lengths[i - 1] <= lengths[i], "batches run from short to long texts");
        }
    }

    @Test
    void equally_long_texts_keep_their_order() {
        var batches = LengthBatches.of(List.of("bb", "aa", "cc"), 16);

        assertArrayEquals(new int[] {0, 1, 2}, batches.getFirst());
    }

    @Test
    void no_texts_make_no_batches_and_a_batch_holds_at_least_one_text() {
        assertEquals(List.of(), LengthBatches.of(List.of(), 16));
        assertThrows(IllegalArgumentException.class, () -> LengthBatches.of(List.of("a"), 0));
    }
}
