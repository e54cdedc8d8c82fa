package org.openreco.recommender.embedding.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Splits texts into batches of similar length. A batch is padded to its longest text, so mixing a
 * two-word title with a long description makes the model compute hundreds of padding tokens for the
 * title; sorted by length first, each batch pads little. Batches hold the texts' positions in the
 * caller's list, so the vectors can be put back in the caller's order.
 */
final class LengthBatches {

    private LengthBatches() {
    }

    /** The positions of {@code texts}, shortest text first, in batches of at most {@code batchSize}. */
    static List<int[]> of(List<String> texts, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        // stable sort: equally long texts keep their order, so a run is reproducible
        int[] byLength = IntStream.range(0, texts.size()).boxed()
                .sorted(Comparator.comparingInt(i -> texts.get(i).length()))
                .mapToInt(Integer::intValue)
                .toArray();
        var batches = new ArrayList<int[]>();
        for (int from = 0; from < byLength.length; from += batchSize) {
            batches.add(Arrays.copyOfRange(byLength, from, Math.min(from + batchSize, byLength.length)));
        }
        return batches;
    }
}
