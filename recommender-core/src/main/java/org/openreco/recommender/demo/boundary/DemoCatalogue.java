package org.openreco.recommender.demo.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.catalog.boundary.Items;
import org.openreco.recommender.demo.control.DemoShop;
import org.openreco.recommender.interactions.boundary.Interactions;
import org.openreco.recommender.platform.boundary.BatchResult;
import org.openreco.recommender.users.boundary.Users;

/**
 * Loads the demo shop at start-up when RECOMMENDER_DEMO=true and the database has no catalogue yet
 * (bin/run sets the variable unless --no-demo; test servers never do). All in one transaction: either
 * the whole demo is there or none of it, so a failed load is retried at the next start. A failure is
 * logged and never fails the deployment.
 */
@Singleton
@Startup
@DependsOn("PlatformStartup")
@TransactionManagement(TransactionManagementType.BEAN)
public class DemoCatalogue {

    private static final Logger LOG = Logger.getLogger(DemoCatalogue.class.getName());
    private static final int CHUNK = 1000;

    @Inject
    Catalogues catalogues;

    @Inject
    Items items;

    @Inject
    Users users;

    @Inject
    Interactions interactions;

    @Resource
    UserTransaction tx;

    @PostConstruct
    void loadWhenAsked() {
        if (!"true".equalsIgnoreCase(System.getenv("RECOMMENDER_DEMO"))) {
            return;
        }
        try {
            tx.begin();
            if (catalogues.list().isEmpty()) {
                load();
            }
            tx.commit();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the demo catalogue was not loaded", e);
            try {
                if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
                    tx.rollback();
                }
            } catch (Exception rollback) {
                LOG.log(Level.FINE, "rollback after a failed demo load", rollback);
            }
        }
    }

    private void load() {
        long started = System.nanoTime();
        catalogues.create(DemoShop.CATALOGUE);
        var products = DemoShop.products();
        var events = DemoShop.events(Instant.now());
        requireAll("items", items.upsertAll(DemoShop.CATALOGUE, products));
        requireAll("users", users.upsertAll(DemoShop.CATALOGUE, DemoShop.users()));
        for (int from = 0; from < events.size(); from += CHUNK) {
            var chunk = events.subList(from, Math.min(events.size(), from + CHUNK));
            requireAll("events", interactions.record(DemoShop.CATALOGUE, List.copyOf(chunk), false));
        }
        LOG.info(() -> String.format("Loaded the demo catalogue '%s': %d products, %d users, %d events in %d ms",
                DemoShop.CATALOGUE, products.size(), DemoShop.USERS, events.size(), (System.nanoTime() - started) / 1_000_000));
    }

    private static void requireAll(String what, BatchResult result) {
        long rejected = result.count(BatchResult.Status.REJECTED);
        if (rejected > 0) {
            var first = result.elements().stream().filter(e -> e.status() == BatchResult.Status.REJECTED).findFirst().orElseThrow();
            throw new IllegalStateException(rejected + " demo " + what + " rejected, e.g. #" + first.index() + " "
                    + first.field() + ": " + first.reason());
        }
    }
}
