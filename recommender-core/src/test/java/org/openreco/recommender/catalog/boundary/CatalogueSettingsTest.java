package org.openreco.recommender.catalog.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings rules and the weight arithmetic, without a database. */
class CatalogueSettingsTest {

    @Test
    void the_defaults_are_valid_and_weigh_as_the_issue_says() {
        var defaults = CatalogueSettings.defaults();
        assertNull(defaults.problem());
        assertEquals(8.0, defaults.weight("purchase", null));
        assertEquals(-4.0, defaults.weight("dislike", null));
        assertEquals(2.5, defaults.weight("rating", 5.0));
        assertEquals(-1.5, defaults.weight("rating", 1.0), "a low rating counts as negative");
        assertNull(defaults.weight("teleport", null), "an unknown type has no weight");
    }

    @Test
    void each_broken_rule_names_its_field() {
        assertArrayEquals(new String[] {"eventWeights", "must name at least one event type"},
                new CatalogueSettings(Map.of(), 2.5, "m", 5).problem());
        assertEquals("eventWeights", new CatalogueSettings(Map.of("Bad Type", 1.0), 2.5, "m", 5).problem()[0]);
        assertEquals("eventWeights", new CatalogueSettings(Map.of("view", Double.NaN), 2.5, "m", 5).problem()[0]);
        assertEquals("eventWeights", new CatalogueSettings(Map.of("view", 1e6), 2.5, "m", 5).problem()[0]);
        assertEquals("ratingPivot", new CatalogueSettings(Map.of("view", 1.0), Double.POSITIVE_INFINITY, "m", 5).problem()[0]);
        assertEquals("embeddingModel", new CatalogueSettings(Map.of("view", 1.0), 2.5, " ", 5).problem()[0]);
        assertEquals("reembedIntervalSeconds", new CatalogueSettings(Map.of("view", 1.0), 2.5, "m", 0).problem()[0]);
        assertEquals("reembedIntervalSeconds", new CatalogueSettings(Map.of("view", 1.0), 2.5, "m", 86_401).problem()[0]);
    }
}
