package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openreco.recommender.platform.boundary.ServerNode;

/**
 * The history of re-embedding batches (embedding_batch, V031): one row per committed batch with its
 * size, duration and the event-to-vector lag of each mark it cleared, written in the batch's own
 * transaction (so a rolled-back batch leaves no row), with the node that ran it. Lags are measured with the database's clock, the
 * one that stamped enqueued_at, so several nodes' clocks never mix.
 */
public final class BatchLog {

    /** How long batch rows are kept. */
    static final String RETENTION = "1 day";

    /** One batch, as the console charts it. */
    public record Entry(Instant finishedAt, int items, int users, int encoded, int failed, int durationMs,
            int lagP50Ms, int lagP95Ms) {
    }

    /** Figures over a recent window. */
    public record Summary(int batches, long marks, long encoded, double docsPerSecond, int lagP50Ms, int lagP95Ms,
            double meanDurationMs) {
    }

    private final Connection connection;

    public BatchLog(Connection connection) {
        this.connection = connection;
    }

    /** Records a batch; returns the lag of each cleared mark in milliseconds (now minus its enqueue time). */
    public int[] record(long catalogueId, int items, int users, int encoded, int failed, long durationMs,
            List<Instant> enqueuedAt) throws SQLException {
        try (var insert = connection.prepareStatement("""
                insert into embedding_batch (catalogue_id, items, users, encoded, failed, duration_ms, lag_ms, node)
                values (?, ?, ?, ?, ?, ?, array(select greatest(0, round(extract(epoch from clock_timestamp() - e) * 1000))::int
                                                 from unnest(?::timestamptz[]) as e), ?)
                returning lag_ms""")) {
            insert.setLong(1, catalogueId);
            insert.setInt(2, items);
            insert.setInt(3, users);
            insert.setInt(4, encoded);
            insert.setInt(5, failed);
            insert.setInt(6, (int) Math.min(Integer.MAX_VALUE, durationMs));
            insert.setArray(7, connection.createArrayOf("timestamptz",
                    enqueuedAt.stream().map(java.sql.Timestamp::from).toArray()));
            insert.setString(8, ServerNode.name());
            try (var rows = insert.executeQuery()) {
                rows.next();
                Integer[] lags = (Integer[]) rows.getArray(1).getArray();
                int[] result = new int[lags.length];
                for (int i = 0; i < lags.length; i++) {
                    result[i] = lags[i];
                }
                return result;
            }
        }
    }

    /** The catalogue's latest batches, newest first. */
    public List<Entry> recent(long catalogueId, int limit) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (var select = connection.prepareStatement("""
                select finished_at, items, users, encoded, failed, duration_ms,
                       coalesce((select percentile_disc(0.5) within group (order by l) from unnest(lag_ms) l), 0),
                       coalesce((select percentile_disc(0.95) within group (order by l) from unnest(lag_ms) l), 0)
                  from embedding_batch where catalogue_id = ? order by finished_at desc limit ?""")) {
            select.setLong(1, catalogueId);
            select.setInt(2, limit);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getTimestamp(1).toInstant(), rows.getInt(2), rows.getInt(3), rows.getInt(4),
                            rows.getInt(5), rows.getInt(6), rows.getInt(7), rows.getInt(8)));
                }
            }
        }
        return entries;
    }

    /** Batches of the last {@code seconds}: how many, marks cleared, docs encoded per second of batch time, lag percentiles. */
    public Summary summary(long catalogueId, int seconds) throws SQLException {
        try (var select = connection.prepareStatement("""
                with recent as (
                    select * from embedding_batch
                     where catalogue_id = ? and finished_at > now() - make_interval(secs => ?))
                select (select count(*) from recent),
                       (select coalesce(sum(items + users), 0) from recent),
                       (select coalesce(sum(encoded), 0) from recent),
                       (select coalesce(sum(duration_ms), 0) from recent),
                       (select coalesce(percentile_disc(0.5) within group (order by l), 0) from recent, unnest(lag_ms) l),
                       (select coalesce(percentile_disc(0.95) within group (order by l), 0) from recent, unnest(lag_ms) l)""")) {
            select.setLong(1, catalogueId);
            select.setInt(2, seconds);
            try (var rows = select.executeQuery()) {
                rows.next();
                int batches = rows.getInt(1);
                long encoded = rows.getLong(3);
                long durationMs = rows.getLong(4);
                return new Summary(batches, rows.getLong(2), encoded, durationMs == 0 ? 0 : encoded * 1000.0 / durationMs,
                        rows.getInt(5), rows.getInt(6), batches == 0 ? 0 : (double) durationMs / batches);
            }
        }
    }

    /** Drops rows past the retention. */
    public int prune() throws SQLException {
        try (var delete = connection.prepareStatement(
                "delete from embedding_batch where finished_at < now() - interval '" + RETENTION + "'")) {
            return delete.executeUpdate();
        }
    }
}
