package org.openreco.recommender.interactions.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Set;
import javax.sql.DataSource;
import org.openreco.recommender.platform.boundary.Settings;

/**
 * Writes a storefront batch's accepted events and marks their users dirty, holding the marks until the
 * commit ({@link EventStore#holdUserMarks}), in one transaction: all of them or none. On the request pool,
 * whose statements are cut short; the insert of a large batch may take longer, up to
 * {@value #TIMEOUT_SETTING} (environment variable DB_INGEST_STATEMENT_TIMEOUT_MS; milliseconds, default
 * {@value #DEFAULT_TIMEOUT_MILLIS}), for this transaction only.
 */
@Stateless
public class EventWriter {

    static final String TIMEOUT_SETTING = "db.ingest-statement-timeout-ms";
    static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    @Resource(lookup = "java:jboss/datasources/RecommenderRequestDS")
    DataSource dataSource;

    private static final String TIMEOUT = Long.toString(timeoutMillis(Settings.value(TIMEOUT_SETTING)));

    /** Returns the client event ids that were inserted; the others with an id were already stored. */
    public Set<String> write(long catalogueId, EventStore.Rows rows, Collection<Long> userIds) {
        try (var connection = dataSource.getConnection()) {
            statementTimeout(connection, TIMEOUT);
            return new CallersTransaction(connection, catalogueId).write(rows, userIds);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + rows.userIds().length + " events failed", e);
        }
    }

    static long timeoutMillis(String configured) {
        if (configured != null && configured.strip().matches("[1-9][0-9]{0,8}")) {
            return Long.parseLong(configured.strip());
        }
        return DEFAULT_TIMEOUT_MILLIS;
    }

    /** For the rest of the connection's current transaction only (set_config local). */
    private static void statementTimeout(Connection connection, String millis) throws SQLException {
        try (var set = connection.prepareStatement("select set_config('statement_timeout', ?, true)")) {
            set.setString(1, millis);
            set.executeQuery().close();
        }
    }
}
