package org.openreco.recommender.recommendations.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openreco.recommender.recommendations.control.CandidatesAhead;
import org.openreco.recommender.recommendations.control.ServingState;
import org.openreco.recommender.recommendations.control.ServingStates;

/**
 * Keeps users' content and collaborative candidates ({@link CandidatesAhead}) current for the catalogues
 * this node serves: a
 * timer every second hands one pass to the managed executor; a pass refreshes each catalogue's due
 * users in transactions of {@value #PER_TRANSACTION}, for at most {@value #PASS_MILLIS} ms, so a
 * generation's or a model's first backfill spreads over several passes. Until a user's list is
 * refreshed, their answers score that source the slower way (a full scan, or pgvector), so nothing
 * waits on this.
 * Nodes serving the same catalogue take turns through an advisory lock.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CandidatesAheadScheduler {

    static final int PER_TRANSACTION = 100;
    static final long PASS_MILLIS = 2_000;
    private static final Logger LOG = Logger.getLogger(CandidatesAheadScheduler.class.getName());

    @Inject
    ServingStates states;

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopping;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false, info = "candidates ahead")
    void tick() {
        if (stopping || !running.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::pass);
        } catch (RejectedExecutionException e) {
            running.set(false);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    void pass() {
        try {
            long until = System.nanoTime() + PASS_MILLIS * 1_000_000;
            for (ServingState state : states.loaded()) {
                int refreshed;
                do {
                    refreshed = refresh(state);
                } while (refreshed >= PER_TRANSACTION && !stopping && System.nanoTime() - until < 0);
            }
        } finally {
            running.set(false);
        }
    }

    private int refresh(ServingState state) {
        try (var connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int refreshed = new CandidatesAhead(connection).refresh(state, PER_TRANSACTION);
                connection.commit();
                return refreshed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not refresh the candidates ahead of catalogue {0}: {1}",
                    new Object[] {state.name(), e.toString()});
            return 0;
        }
    }
}
