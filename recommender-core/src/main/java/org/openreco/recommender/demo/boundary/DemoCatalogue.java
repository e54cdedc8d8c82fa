package org.openreco.recommender.demo.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.catalog.boundary.Items;
import org.openreco.recommender.demo.control.DemoShop;
import org.openreco.recommender.interactions.boundary.Interactions;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.users.boundary.Users;

/**
 * Fills a new catalogue with the generated demo shop: products, users and events that follow each
 * user's tastes. Runs outside a transaction: every step commits through the boundary it calls, as
 * any storefront's calls would (event ingestion creates new users in transactions of its own, so a
 * catalogue created in an enclosing, uncommitted transaction would not be visible to it).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoCatalogue {

    private static final Logger LOG = Logger.getLogger(DemoCatalogue.class.getName());
    private static final int CHUNK = 1000;

    /** What a load wrote. */
    public record Loaded(String catalogue, int items, int users, int events, long millis) {
    }

    @Inject
    Catalogues catalogues;

    @Inject
    Items items;

    @Inject
    Users users;

    @Inject
    Interactions interactions;

    /** Creates the catalogue (it must not exist) and loads the demo shop into it. */
    public Loaded load(String catalogue) {
        long started = System.nanoTime();
        catalogues.create(catalogue);
        var products = DemoShop.products();
        var people = DemoShop.users();
        var events = DemoShop.events(Instant.now());
        requireAll(catalogue, "items", items.upsertAll(catalogue, products));
        requireAll(catalogue, "users", users.upsertAll(catalogue, people));
        for (int from = 0; from < events.size(); from += CHUNK) {
            var chunk = events.subList(from, Math.min(events.size(), from + CHUNK));
            requireAll(catalogue, "events", interactions.record(catalogue, List.copyOf(chunk), false));
        }
        var loaded = new Loaded(catalogue, products.size(), people.size(), events.size(), (System.nanoTime() - started) / 1_000_000);
        LOG.info(() -> String.format("Loaded the demo shop into '%s': %d products, %d users, %d events in %d ms",
                catalogue, loaded.items(), loaded.users(), loaded.events(), loaded.millis()));
        return loaded;
    }

    private static void requireAll(String catalogue, String what, BatchResult result) {
        long rejected = result.count(BatchResult.Status.REJECTED);
        if (rejected > 0) {
            var first = result.elements().stream().filter(e -> e.status() == BatchResult.Status.REJECTED).findFirst().orElseThrow();
            throw new IllegalStateException(rejected + " demo " + what + " rejected (e.g. #" + first.index() + " "
                    + first.field() + ": " + first.reason() + "); catalogue '" + catalogue + "' is incomplete, delete it and load again");
        }
    }
}
