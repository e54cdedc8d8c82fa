package org.openreco.recommender.recommendations.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

    /** An answer's impressions in the queue; {@link #turn} completes true once written, false when it is to write the next group. */
    private static final class Waiting {
        final ImpressionLog.Shown shown;
        final CompletableFuture<Boolean> turn = new CompletableFuture<>();
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

    /**
     * Returns once the answer's impressions are committed (on a connection of the batch's own). Each waiting
     * answer is woken once, by its own future: the writer of a group completes the group's futures and hands
     * the next group to the first answer queued meanwhile, so no crowd of threads wakes to find it must wait on.
     */
    public void write(ImpressionLog.Shown shown) throws SQLException {
        if (shown.candidates().isEmpty()) {
            return;
        }
        var mine = new Waiting(shown);
        boolean leads;
        synchronized (lock) {
            queued.add(mine);
            leads = !writing;
            writing = true;
        }
        // the wait is bounded by the request pool's statement timeout in the writer's insert
        if (!leads && mine.turn.join()) {
            outcome(mine);
            return;
        }
        List<Waiting> group;
        synchronized (lock) {
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
            Waiting next;
            synchronized (lock) {
                next = queued.isEmpty() ? null : queued.getFirst();
                writing = next != null;
            }
            for (var waiting : group) {
                waiting.failure = failure;
                if (waiting != mine) {
                    waiting.turn.complete(true);
                }
            }
            if (next != null) {
                next.turn.complete(false);
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
