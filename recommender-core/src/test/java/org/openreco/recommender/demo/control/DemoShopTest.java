package org.openreco.recommender.demo.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.catalog.boundary.ItemData;
import org.openreco.recommender.interactions.boundary.EventData;

class DemoShopTest {

    @Test
    void the_same_seed_gives_the_same_shop() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(DemoShop.products(), DemoShop.products());
        assertEquals(DemoShop.events(now), DemoShop.events(now));
    }

    @Test
    void products_span_five_categories_with_distinct_ids_and_titles_within_the_limits() {
        var products = DemoShop.products();
        assertEquals(5 * DemoShop.PRODUCTS_PER_CATEGORY, products.size());
        assertEquals(Set.copyOf(DemoShop.categories()),
                products.stream().flatMap(p -> p.categories().stream()).collect(Collectors.toSet()));
        assertEquals(products.size(), products.stream().map(ItemData::externalId).distinct().count());
        assertEquals(products.size(), products.stream().map(ItemData::title).distinct().count());
        assertTrue(products.stream().allMatch(p -> p.title().length() <= 512 && p.description().length() > 40));
        // varied text: many distinct words, not a handful of templates
        var words = new HashSet<String>();
        products.forEach(p -> words.addAll(java.util.List.of(p.description().split("\\W+"))));
        assertTrue(words.size() > 300, "distinct words: " + words.size());
    }

    @Test
    void users_mostly_act_in_the_one_or_two_categories_they_prefer() {
        var events = DemoShop.events(Instant.now());
        var byUser = events.stream().collect(Collectors.groupingBy(EventData::user));
        assertEquals(DemoShop.USERS, byUser.size());
        long inTaste = 0;
        for (int u = 1; u <= DemoShop.USERS; u++) {
            var tastes = DemoShop.tastes(u);
            assertTrue(tastes.size() == 1 || tastes.size() == 2);
            for (EventData e : byUser.get(DemoShop.userId(u))) {
                if (tastes.stream().anyMatch(t -> e.item().startsWith("demo-" + t + "-"))) {
                    inTaste++;
                }
            }
        }
        double share = (double) inTaste / events.size();
        assertTrue(share > 0.8, "share of events in the preferred categories: " + share);
        assertEquals(events.size(), events.stream().map(EventData::clientEventId).distinct().count());
    }
}
