package org.openreco.recommender.interactions.control;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * A storefront request's steps: reads on a connection of their own, first-seen users and items each in a
 * short transaction ({@link MissingUsersAndItems}), then the events in one ({@link EventWriter}); at most
 * one connection at a time, so a full pool never waits on itself.
 */
public final class SeparateTransactions implements EventWrites {

    private final DataSource dataSource;
    private final long catalogueId;
    private final MissingUsersAndItems missing;
    private final EventWriter writer;

    public SeparateTransactions(DataSource dataSource, long catalogueId, MissingUsersAndItems missing, EventWriter writer) {
        this.dataSource = dataSource;
        this.catalogueId = catalogueId;
        this.missing = missing;
        this.writer = writer;
    }

    @Override
    public Known find(Collection<String> itemIds, Collection<String> userIds) {
        try (var connection = dataSource.getConnection()) {
            var store = new EventStore(connection, catalogueId);
            return new Known(store.find("item", itemIds), store.find("app_user", userIds));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the users and items of catalogue " + catalogueId + " failed", e);
        }
    }

    @Override
    public Map<String, Long> create(String table, Collection<String> names) {
        return table.equals("item") ? missing.createItems(catalogueId, names) : missing.createUsers(catalogueId, names);
    }

    /**
     * Once more when PostgreSQL chose this transaction as a deadlock's victim: it was rolled back whole, so
     * a second transaction writes the batch exactly once (two writers can still meet on marks inserted
     * in different rounds of {@link EventStore#holdUserMarks}).
     */
    @Override
    public Set<String> write(EventStore.Rows rows, Collection<Long> userIds) {
        try {
            return writer.write(catalogueId, rows, userIds);
        } catch (RuntimeException e) {
            if (!deadlocked(e)) {
                throw e;
            }
            return writer.write(catalogueId, rows, userIds);
        }
    }

    static boolean deadlocked(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
