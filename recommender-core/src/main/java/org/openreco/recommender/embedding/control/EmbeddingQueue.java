package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SQL of the re-embedding queue (embedding_queue, V001/V030). A worker claims due marks with
 * {@code FOR UPDATE SKIP LOCKED} and deletes them in the same statement, at the start of the
 * transaction that writes the vectors: a mark that arrives meanwhile waits for that transaction and is
 * then inserted anew, so no change is swallowed; a mark a writer still holds is passed by (its writes
 * are not visible yet): event writers hold their users' marks with share locks (EventStore). A
 * rollback brings the claimed marks back; the failure is then recorded on them in a transaction of its own.
 */
public final class EmbeddingQueue {

    /** After this many failed attempts a mark is parked: no longer claimed until retried by an operator. */
    public static final int MAX_ATTEMPTS = 5;
    /** The longest wait between attempts. */
    static final int MAX_BACKOFF_SECONDS = 300;

    /** A claimed mark. */
    public record Mark(long id, String kind, long entityId, Instant enqueuedAt, int attempts) {

        public boolean isItem() {
            return "item".equals(kind);
        }
    }

    /** A parked mark, for the console. */
    public record Parked(long id, String kind, long entityId, String externalId, Instant enqueuedAt, int attempts,
            String lastError) {
    }

    private final Connection connection;

    public EmbeddingQueue(Connection connection) {
        this.connection = connection;
    }

    /**
     * Takes up to {@code limit} due, unparked marks of the catalogue that no other transaction holds, oldest
     * due first; none while the catalogue is paused. The pause is read by this very statement: a batch that
     * decided to visit the catalogue just before an operator paused it must not take the marks written after.
     */
    public List<Mark> claim(long catalogueId, int limit) throws SQLException {
        try (var claim = connection.prepareStatement("""
                with claimed as (
                    select id from embedding_queue
                     where catalogue_id = ? and not parked and next_attempt_at <= now()
                       and not exists (select 1 from embedding_pause p where p.catalogue_id = embedding_queue.catalogue_id)
                     order by next_attempt_at
                     for update skip locked
                     limit ?)
                delete from embedding_queue q using claimed c where q.id = c.id
                returning q.id, q.kind, q.entity_id, q.enqueued_at, q.attempts""")) {
            claim.setLong(1, catalogueId);
            claim.setInt(2, limit);
            return marks(claim);
        }
    }

    /** Takes these marks again (retrying part of a failed batch), except those gone, parked or held by now. */
    public List<Mark> claimAgain(Collection<Long> markIds) throws SQLException {
        try (var claim = connection.prepareStatement("""
                with claimed as (
                    select id from embedding_queue where id = any (?) and not parked for update skip locked)
                delete from embedding_queue q using claimed c where q.id = c.id
                returning q.id, q.kind, q.entity_id, q.enqueued_at, q.attempts""")) {
            claim.setArray(1, connection.createArrayOf("bigint", markIds.toArray(Long[]::new)));
            return marks(claim);
        }
    }

    /**
     * Records a failed attempt on the marks: the next one after 2, 4, 8 … seconds (at most five
     * minutes), parked with the error after {@link #MAX_ATTEMPTS}. Marks changed meanwhile by a new
     * write keep that write's fresh start.
     */
    public void recordFailure(Collection<Long> markIds, String error) throws SQLException {
        try (var update = connection.prepareStatement("""
                update embedding_queue
                   set attempts = attempts + 1,
                       next_attempt_at = now() + make_interval(secs => least(power(2, attempts + 1), ?)),
                       last_error = ?,
                       parked = attempts + 1 >= ?
                 where id = any (?)""")) {
            update.setInt(1, MAX_BACKOFF_SECONDS);
            update.setString(2, error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error);
            update.setInt(3, MAX_ATTEMPTS);
            update.setArray(4, connection.createArrayOf("bigint", markIds.toArray(Long[]::new)));
            update.executeUpdate();
        }
    }

    /**
     * Marks an entity dirty again, due after {@code delaySeconds}, keeping its original enqueue time (the
     * lag it measures): for entities a batch had to leave for later. An existing mark is left as it is.
     */
    public void remark(long catalogueId, String kind, long entityId, Instant enqueuedAt, int delaySeconds) throws SQLException {
        try (var insert = connection.prepareStatement("""
                insert into embedding_queue (catalogue_id, kind, entity_id, enqueued_at, next_attempt_at)
                values (?, ?, ?, ?, now() + make_interval(secs => ?))
                on conflict (kind, entity_id) do nothing""")) {
            insert.setLong(1, catalogueId);
            insert.setString(2, kind);
            insert.setLong(3, entityId);
            insert.setTimestamp(4, Timestamp.from(enqueuedAt));
            insert.setInt(5, delaySeconds);
            insert.executeUpdate();
        }
    }

    /** Unparked marks of the catalogue (due or waiting for their next attempt). */
    public long depth(long catalogueId) throws SQLException {
        return count("select count(*) from embedding_queue where catalogue_id = ? and not parked", catalogueId);
    }

    /** Seconds since the oldest due, unparked mark was enqueued (0 when none): the freshness lag right now. */
    public long oldestDueSeconds(long catalogueId) throws SQLException {
        return count("""
                select coalesce(extract(epoch from now() - min(enqueued_at))::bigint, 0)
                  from embedding_queue where catalogue_id = ? and not parked""", catalogueId);
    }

    public long parkedCount(long catalogueId) throws SQLException {
        return count("select count(*) from embedding_queue where catalogue_id = ? and parked", catalogueId);
    }

    /** The catalogue's parked marks, oldest first, with the item's or user's external id. */
    public List<Parked> parked(long catalogueId, int offset, int limit) throws SQLException {
        try (var select = connection.prepareStatement("""
                select q.id, q.kind, q.entity_id, coalesce(i.external_id, u.external_id), q.enqueued_at, q.attempts, q.last_error
                  from embedding_queue q
                  left join item i on q.kind = 'item' and i.id = q.entity_id
                  left join app_user u on q.kind = 'user' and u.id = q.entity_id
                 where q.catalogue_id = ? and q.parked
                 order by q.enqueued_at, q.id
                 offset ? limit ?""")) {
            select.setLong(1, catalogueId);
            select.setInt(2, offset);
            select.setInt(3, limit);
            List<Parked> parked = new ArrayList<>();
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    parked.add(new Parked(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                            rows.getTimestamp(5).toInstant(), rows.getInt(6), rows.getString(7)));
                }
            }
            return parked;
        }
    }

    /** Gives the catalogue's parked marks a fresh start; returns how many. */
    public int retryParked(long catalogueId) throws SQLException {
        try (var update = connection.prepareStatement("""
                update embedding_queue set parked = false, attempts = 0, next_attempt_at = now()
                 where catalogue_id = ? and parked""")) {
            update.setLong(1, catalogueId);
            return update.executeUpdate();
        }
    }

    private long count(String sql, long catalogueId) throws SQLException {
        try (var select = connection.prepareStatement(sql)) {
            select.setLong(1, catalogueId);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static List<Mark> marks(java.sql.PreparedStatement statement) throws SQLException {
        List<Mark> marks = new ArrayList<>();
        try (var rows = statement.executeQuery()) {
            while (rows.next()) {
                marks.add(new Mark(rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getTimestamp(4).toInstant(),
                        rows.getInt(5)));
            }
        }
        return marks;
    }
}
