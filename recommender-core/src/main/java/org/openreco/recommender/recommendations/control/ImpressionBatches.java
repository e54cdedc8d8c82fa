package org.openreco.recommender.recommendations.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes answers' impressions by group commit: an answer waits until a statement holding its
 * impressions has committed, as before, but the answers that arrive while one group is being written
 * go together in the next statement and commit, so under load one insert and one WAL flush serve many
 * answers instead of one each. An answer that returned has its impressions stored; a failed write fails
 * every answer of its group.
 */
@ApplicationScoped
public class ImpressionBatches {

    private static final class Waiting {
        final ImpressionLog.Shown shown;
        boolean done;
        SQLException failure;

        Waiting(ImpressionLog.Shown shown) {
            this.shown = shown;
        }
    }

    @Resource(lookup = "java:jboss/datasources/RecommenderRequestDS")
    DataSource dataSource;

    private final Object lock = new Object();
    private List<Waiting> queued = new ArrayList<>();
    private boolean writing;

    /** Returns once the answer's impressions are committed (on a connection of the batch's own). */
    public void write(ImpressionLog.Shown shown) throws SQLException {
        if (shown.candidates().isEmpty()) {
            return;
        }
        var mine = new Waiting(shown);
        List<Waiting> group;
        synchronized (lock) {
            queued.add(mine);
            while (writing && !mine.done) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while its impressions were being written", e);
                }
            }
            if (mine.done) {
                outcome(mine);
                return;
            }
            writing = true;
            group = queued;
            queued = new ArrayList<>();
        }
        SQLException failure = null;
        try (var connection = dataSource.getConnection()) {
            ImpressionLog.write(connection, group.stream().map(w -> w.shown).toList());
        } catch (SQLException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new SQLException(e);
        } finally {
            synchronized (lock) {
                for (var waiting : group) {
                    waiting.done = true;
                    waiting.failure = failure;
                }
                writing = false;
                lock.notifyAll();
            }
        }
        outcome(mine);
    }

    private static void outcome(Waiting waiting) throws SQLException {
        if (waiting.failure != null) {
            throw new SQLException("the impressions could not be written", waiting.failure);
        }
    }
}
