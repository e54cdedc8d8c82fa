package org.openreco.recommender.catalog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openreco.recommender.catalog.boundary.CatalogueRef;
import org.openreco.recommender.catalog.boundary.CatalogueSettings;
import org.openreco.recommender.platform.boundary.CatalogueAccessChanged;
import org.openreco.recommender.platform.boundary.CatalogueChanged;

class CatalogueCacheTest {

    final CatalogueCache cache = new CatalogueCache(); // no transaction registry: forgets at once only
    final AtomicInteger loads = new AtomicInteger();

    CatalogueRef shop(long id) {
        loads.incrementAndGet();
        return new CatalogueRef(id, "shop", CatalogueSettings.defaults());
    }

    @Test
    void a_catalogue_is_loaded_once_and_then_served_from_the_cache() {
        assertEquals(1, cache.catalogue("shop", () -> shop(1)).id());
        assertEquals(1, cache.catalogue("shop", () -> shop(2)).id());
        assertEquals(1, loads.get());
    }

    @Test
    void an_unknown_catalogue_or_key_is_looked_up_once_for_a_while() {
        assertNull(cache.catalogue("none", () -> { loads.incrementAndGet(); return null; }));
        assertNull(cache.catalogue("none", () -> { loads.incrementAndGet(); return null; }));
        assertNull(cache.key("hash", () -> { loads.incrementAndGet(); return null; }));
        assertNull(cache.key("hash", () -> { loads.incrementAndGet(); return null; }));
        assertEquals(2, loads.get());
    }

    @Test
    void a_catalogue_created_after_it_was_unknown_is_found_at_once() {
        assertNull(cache.catalogue("shop", () -> null));
        cache.forgetCatalogue("shop"); // what creating it does
        assertEquals(1, cache.catalogue("shop", () -> shop(1)).id());
    }

    @Test
    void an_unknown_name_seen_while_it_was_created_is_not_kept() {
        assertNull(cache.catalogue("shop", () -> {
            cache.forgetCatalogue("shop");
            return null;
        }));
        assertEquals(1, cache.catalogue("shop", () -> shop(1)).id());
    }

    @Test
    void another_nodes_change_of_settings_or_keys_drops_the_catalogue_and_its_keys() {
        cache.catalogue("shop", () -> shop(1));
        cache.catalogue("other", () -> new CatalogueRef(2, "other", CatalogueSettings.defaults()));
        cache.key("shop-key", () -> new CatalogueCache.KeyOwner(1, "rk_shop"));
        cache.key("other-key", () -> new CatalogueCache.KeyOwner(2, "rk_other"));

        cache.accessChanged(new CatalogueAccessChanged(1, false)); // this node's own: forgotten by the change itself
        assertEquals(1, cache.key("shop-key", () -> null).catalogueId());
        cache.accessChanged(new CatalogueAccessChanged(1, true));

        assertNull(cache.key("shop-key", () -> null), "the shop's key is looked up again");
        cache.catalogue("shop", () -> shop(1));
        assertEquals(2, loads.get(), "the shop is loaded again");
        assertEquals(2, cache.key("other-key", () -> null).catalogueId(), "another catalogue's key stays");
        assertEquals(2, cache.catalogue("other", () -> null).id());
    }

    @Test
    void another_nodes_rename_drops_the_catalogue_and_the_names_it_knew_as_unknown() {
        cache.catalogue("shop", () -> shop(1));
        assertNull(cache.catalogue("new-shop", () -> null));

        cache.catalogueChanged(new CatalogueChanged(1, "renamed", true));

        assertNull(cache.catalogue("shop", () -> null), "the old name is looked up again");
        assertEquals(1, cache.catalogue("new-shop", () -> shop(1)).id(), "the new name is looked up again");
    }

    @Test
    void random_unknown_keys_do_not_grow_the_cache_without_bound() {
        for (int i = 0; i < CatalogueCache.MAX_NEGATIVES * 3; i++) {
            cache.key("hash-" + i, () -> null);
        }
        assertTrue(cache.unknownKeys() <= CatalogueCache.MAX_NEGATIVES, "kept: " + cache.unknownKeys());
    }

    @Test
    void a_forgotten_catalogue_is_loaded_again() {
        cache.catalogue("shop", () -> shop(1));
        cache.forgetCatalogue("shop");
        assertEquals(2, cache.catalogue("shop", () -> shop(2)).id());
    }

    @Test
    void revoking_forgets_every_key_with_that_prefix_and_no_other() {
        cache.key("hash-a", () -> new CatalogueCache.KeyOwner(1, "rk_aaaaaaaaa"));
        cache.key("hash-b", () -> new CatalogueCache.KeyOwner(1, "rk_bbbbbbbbb"));
        cache.forgetKey("rk_aaaaaaaaa");
        assertNull(cache.key("hash-a", () -> null), "a revoked key is looked up again (and found revoked)");
        assertEquals("rk_bbbbbbbbb", cache.key("hash-b", () -> null).prefix());
    }

    @Test
    void a_load_that_overlaps_a_change_is_not_kept() {
        // the load read the old settings, then the change committed and forgot the catalogue, then the load returns
        var loaded = cache.catalogue("shop", () -> {
            var old = shop(1);
            cache.forgetCatalogue("shop");
            return old;
        });
        assertEquals(1, loaded.id(), "the caller still gets what it read");
        assertEquals(2, cache.catalogue("shop", () -> shop(2)).id(), "but the next call loads again");
    }
}
