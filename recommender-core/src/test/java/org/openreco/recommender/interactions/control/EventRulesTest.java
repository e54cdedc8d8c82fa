package org.openreco.recommender.interactions.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.interactions.boundary.EventData;

class EventRulesTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    final EventRules rules = new EventRules(CatalogueSettings.defaults(), NOW);

    static EventData event(String type, Double value, Instant at) {
        return new EventData("u1", "i1", type, value, at, null, null);
    }

    String fieldAtFault(EventData event) {
        var problem = rules.problem(event);
        return problem == null ? null : problem.field();
    }

    @Test
    void a_plain_view_is_acceptable_and_weighs_the_configured_weight() {
        assertNull(rules.problem(event("view", null, null)));
        assertEquals(1.0, rules.weight(event("view", null, null)));
        assertEquals(8.0, rules.weight(event("purchase", 2.0, null)));
        assertEquals(-4.0, rules.weight(event("dislike", null, null)));
    }

    @Test
    void a_low_rating_weighs_negative_and_a_high_one_positive() {
        assertEquals(-1.5, rules.weight(event("rating", 1.0, null)));
        assertEquals(2.5, rules.weight(event("rating", 5.0, null)));
    }

    @Test
    void an_event_without_a_time_happened_now() {
        assertEquals(NOW, rules.occurredAt(event("view", null, null)));
    }

    @Test
    void missing_or_over_long_ids_are_refused_naming_the_field() {
        assertEquals("user", fieldAtFault(new EventData(null, "i", "view", null, null, null, null)));
        assertEquals("user", fieldAtFault(new EventData(" ", "i", "view", null, null, null, null)));
        assertEquals("item", fieldAtFault(new EventData("u", "x".repeat(201), "view", null, null, null, null)));
        assertEquals("type", fieldAtFault(new EventData("u", "i", null, null, null, null, null)));
        assertEquals("clientEventId", fieldAtFault(new EventData("u", "i", "view", null, null, "", null)));
        assertEquals("event", fieldAtFault(null));
    }

    @Test
    void a_type_the_catalogue_does_not_configure_is_refused() {
        assertEquals("type", fieldAtFault(event("teleport", null, null)));
    }

    @Test
    void values_must_be_finite_non_negative_and_sane() {
        assertEquals("value", fieldAtFault(event("view", Double.NaN, null)));
        assertEquals("value", fieldAtFault(event("view", Double.POSITIVE_INFINITY, null)));
        assertEquals("value", fieldAtFault(event("purchase", -1.0, null)));
        assertEquals("value", fieldAtFault(event("purchase", 1e12, null)));
        assertNull(fieldAtFault(event("purchase", 3.0, null)));
    }

    @Test
    void a_rating_needs_a_value_within_the_rating_range() {
        assertEquals("value", fieldAtFault(event("rating", null, null)));
        assertEquals("value", fieldAtFault(event("rating", -0.5, null)));
        assertEquals("value", fieldAtFault(event("rating", 11.0, null)));
        assertNull(fieldAtFault(event("rating", 0.5, null)));
    }

    @Test
    void a_time_more_than_five_minutes_ahead_or_before_1990_is_refused() {
        assertNull(fieldAtFault(event("view", null, NOW.plusSeconds(299))));
        assertEquals("timestamp", fieldAtFault(event("view", null, NOW.plusSeconds(301))));
        assertEquals("timestamp", fieldAtFault(event("view", null, Instant.ofEpochSecond(0))));
        assertNull(fieldAtFault(event("view", null, Instant.parse("1996-03-29T18:36:55Z"))));
    }
}
