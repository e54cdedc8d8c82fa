package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Deletes a catalogue's impressions shown before an instant, in batches that each commit on their own
 * (the connection is in auto-commit): a purge of millions of rows never holds one long transaction, its
 * locks or a long statement, and serving's impression inserts keep going meanwhile. The batches walk
 * impression_list_catalogue_shown from the oldest answer.
 */
public final class ImpressionPurge {

    /** Answers per batch (about ten shown items each). */
    static final int BATCH = 2_000;

    private final Connection connection;
    private final int batch;

    public ImpressionPurge(Connection connection) {
        this(connection, BATCH);
    }

    ImpressionPurge(Connection connection, int batch) {
        this.connection = connection;
        this.batch = batch;
    }

    /**
     * The first instant kept when the last {@code days} UTC days, today included, are kept: whole days
     * go, so the click-through of every day still reported counts all of that day's impressions.
     */
    public static Instant keptFrom(LocalDate today, int days) {
        return today.minusDays(days - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Deletes the catalogue's impressions shown before {@code before}; how many (shown items) went. */
    public long before(long catalogueId, Instant before) throws SQLException {
        long removed = 0;
        try (var ps = connection.prepareStatement("""
                delete from impression_list where id in (
                    select id from impression_list where catalogue_id = ? and shown_at < ? order by shown_at limit ?)
                returning cardinality(item_ids)""")) {
            int answers;
            do {
                ps.setLong(1, catalogueId);
                ps.setObject(2, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                ps.setInt(3, batch);
                answers = 0;
                try (var deleted = ps.executeQuery()) {
                    while (deleted.next()) {
                        answers++;
                        removed += deleted.getInt(1);
                    }
                }
            } while (answers == batch);
        }
        return removed;
    }
}
