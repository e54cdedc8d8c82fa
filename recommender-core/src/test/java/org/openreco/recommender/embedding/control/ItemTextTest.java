package org.openreco.recommender.embedding.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text an item is encoded from. */
class ItemTextTest {

    @Test
    void title_categories_tags_and_description_come_in_that_order() {
        assertEquals("Desk lamp. lighting, office. brass, dimmable. A lamp for long evenings.",
                ItemText.of(" Desk lamp ", List.of("lighting", "office"), List.of("brass", "dimmable"), "A lamp for long evenings."));
    }

    @Test
    void blank_parts_are_left_out_not_encoded_as_empty_labels() {
        assertEquals("Desk lamp", ItemText.of("Desk lamp", List.of(), List.of(" "), null));
        assertEquals("Desk lamp. brass", ItemText.of("Desk lamp", null, Arrays.asList(null, "brass"), "  "));
    }
}
