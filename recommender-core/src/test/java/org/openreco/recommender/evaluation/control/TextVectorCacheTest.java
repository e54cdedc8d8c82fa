package org.openreco.recommender.evaluation.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;

class TextVectorCacheTest {

    @TempDir
    Path dir;

    final List<List<String>> calls = new ArrayList<>();

    List<float[]> encode(List<String> texts) {
        calls.add(texts);
        return texts.stream().map(t -> new float[] {t.length(), t.charAt(0)}).toList();
    }

    @Test
    void texts_are_encoded_once_then_read_back_until_a_text_changes() throws Exception {
        Path file = dir.resolve("cache/ml.vectors");
        String[] texts = {"ab", null, "xyz"};

        float[][] first = TextVectorCache.vectors(EmbeddingModel.MINILM, texts, file, this::encode);
        float[][] again = TextVectorCache.vectors(EmbeddingModel.MINILM, texts, file, this::encode);

        assertEquals(List.of(List.of("ab", "xyz")), calls, "one call, nulls left out");
        assertArrayEquals(new float[] {2, 'a'}, first[0]);
        assertNull(first[1]);
        assertArrayEquals(new float[] {3, 'x'}, first[2]);
        assertArrayEquals(first[0], again[0]);
        assertNull(again[1]);
        assertArrayEquals(first[2], again[2]);

        TextVectorCache.vectors(EmbeddingModel.MINILM, new String[] {"ab", null, "xy"}, file, this::encode);
        TextVectorCache.vectors(EmbeddingModel.MINILM_Q, new String[] {"ab", null, "xy"}, file, this::encode);
        assertEquals(3, calls.size(), "another text, then another model: encoded again");
    }
}
