package org.openreco.recommender.recommendations.control;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openreco.recommender.platform.boundary.CatalogueChanged;
import org.openreco.recommender.platform.boundary.Settings;

/**
 * This node's in-memory {@link ServingState} per catalogue, loaded on first use and kept current: a
 * {@link CatalogueChanged} reloads the catalogue's state in the thread that announces it (a hidden, shown
 * or deleted item only re-reads which items are available), so the next answer after the change commits
 * already reflects it; trending is recomputed every few seconds, and every {@link #STAMP_EVERY} a cheap
 * look at the items notices new or re-embedded ones, which nobody announces. The vectors of a catalogue
 * over the memory budget ({@value #BUDGET_PROPERTY} MB, a setting, default {@value #DEFAULT_BUDGET_MB})
 * stay in PostgreSQL and content is searched there.
 */
@ApplicationScoped
public class ServingStates {

    static final String BUDGET_PROPERTY = "recommender.serving.vector-memory-mb";
    static final int DEFAULT_BUDGET_MB = 64;
    static final Duration STAMP_EVERY = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(ServingStates.class.getName());

    private record Held(ServingState state, long stampDue) {
    }

    private final Map<String, Held> byName = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<ServingState>> loading = new ConcurrentHashMap<>();

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    /** The catalogue's state, loaded or brought up to date as needed; NotFoundException for an unknown catalogue. */
    public ServingState state(String catalogue) {
        var held = byName.get(catalogue);
        if (held == null) {
            return load(catalogue);
        }
        long now = System.nanoTime();
        if (held.stampDue() - now < 0) {
            return checkStamp(catalogue, held);
        }
        if (held.state().trendingUntil() - now < 0) {
            return refreshTrending(catalogue, held);
        }
        return held.state();
    }

    /** The states this node holds now, as they are (none is loaded or refreshed by asking). */
    public List<ServingState> loaded() {
        return byName.values().stream().map(Held::state).toList();
    }

    /** Before the answer cache forgets (it observes later): an answer ranked after that must see the new state. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(1) CatalogueChanged change) {
        for (var entry : byName.entrySet()) {
            if (entry.getValue().state().catalogueId() != change.catalogueId()) {
                continue;
            }
            try {
                if (change.nameGone()) {
                    byName.remove(entry.getKey());
                } else if (change.availabilityOnly()) {
                    var state = entry.getValue().state();
                    var available = read(connection -> new ServingStateLoader(connection, budget()).available(state));
                    byName.put(entry.getKey(), new Held(state.with(available), entry.getValue().stampDue()));
                } else {
                    byName.remove(entry.getKey());
                    load(entry.getKey());
                }
            } catch (RuntimeException e) {
                // the next request loads it afresh
                byName.remove(entry.getKey());
                LOG.warning("could not reload the serving state of catalogue " + entry.getKey() + " after '" + change.what()
                        + "': " + e.getMessage());
            }
        }
    }

    /**
     * One load per catalogue at a time: the requests that arrive meanwhile wait for it instead of each
     * reading every vector on a connection of its own (which, at start under load, empties the pool).
     */
    private ServingState load(String catalogue) {
        var mine = new CompletableFuture<ServingState>();
        var running = loading.putIfAbsent(catalogue, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            var state = read(connection -> new ServingStateLoader(connection, budget()).load(catalogue));
            byName.put(catalogue, new Held(state, System.nanoTime() + STAMP_EVERY.toNanos()));
            mine.complete(state);
            return state;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(catalogue, mine);
        }
    }

    private ServingState checkStamp(String catalogue, Held held) {
        var state = held.state();
        // one request looks; the others go on with the current state meanwhile
        if (!byName.replace(catalogue, held, new Held(state, System.nanoTime() + STAMP_EVERY.toNanos()))) {
            return state;
        }
        String stamp = read(connection -> new ServingStateLoader(connection, budget()).stamp(state.catalogueId()));
        return stamp.equals(state.itemsStamp()) ? state : load(catalogue);
    }

    private ServingState refreshTrending(String catalogue, Held held) {
        // one request recomputes; the others go on with the current ranking instead of all querying at once
        var claimed = new Held(held.state().with(held.state().ranking(), System.nanoTime() + Trending.CACHE_FOR.toNanos()),
                held.stampDue());
        if (!byName.replace(catalogue, held, claimed)) {
            return held.state();
        }
        var state = read(connection -> new ServingStateLoader(connection, budget()).refreshTrending(claimed.state()));
        byName.computeIfPresent(catalogue, (name, current) -> current == claimed ? new Held(state, current.stampDue()) : current);
        return state;
    }

    private static long budget() {
        return Settings.number(BUDGET_PROPERTY, DEFAULT_BUDGET_MB) * 1024 * 1024;
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read(Connection connection) throws SQLException;
    }

    /** A read-only transaction of its own (the driver streams large results only with auto-commit off). */
    private <T> T read(Reading<T> reading) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                return reading.read(connection);
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the serving state", e);
        }
    }
}
