package org.openreco.recommender.embedding.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.platform.boundary.InvalidInputException;

class EmbeddingModelsTest {

    @Test
    void one_to_sixty_four_texts_of_at_most_16_KiB_are_accepted() {
        assertDoesNotThrow(() -> EmbeddingModels.requireValid(List.of("")));
        assertDoesNotThrow(() -> EmbeddingModels.requireValid(Collections.nCopies(64, "x".repeat(16_384))));
    }

    @Test
    void no_texts_or_too_many_are_refused_naming_the_list() {
        assertEquals("texts", fieldRefused(null));
        assertEquals("texts", fieldRefused(List.of()));
        assertEquals("texts", fieldRefused(Collections.nCopies(65, "a")));
    }

    @Test
    void a_missing_or_too_long_text_is_refused_naming_its_position() {
        assertEquals("texts[1]", fieldRefused(Arrays.asList("a", null)));
        // 16 KiB of UTF-8, not of characters: 5,462 three-byte characters are 16,386 bytes
        assertEquals("texts[2]", fieldRefused(List.of("a", "b", "天".repeat(5_462))));
    }

    private static String fieldRefused(List<String> texts) {
        return assertThrows(InvalidInputException.class, () -> EmbeddingModels.requireValid(texts)).field();
    }
}
