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
 * impression_catalogue_shown from the oldest row.
 */
public final class ImpressionPurge {

    static final int BATCH = 10_000;

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

    /** Deletes the catalogue's impressions shown before {@code before}; how many went. */
    public long before(long catalogueId, Instant before) throws SQLException {
        long removed = 0;
        try (var ps = connection.prepareStatement("""
                delete from impression where id in (
                    select id from impression where catalogue_id = ? and shown_at < ? order by shown_at limit ?)""")) {
            int deleted;
            do {
                ps.setLong(1, catalogueId);
                ps.setObject(2, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                ps.setInt(3, batch);
                deleted = ps.executeUpdate();
                removed += deleted;
            } while (deleted == batch);
        }
        return removed;
    }
}
