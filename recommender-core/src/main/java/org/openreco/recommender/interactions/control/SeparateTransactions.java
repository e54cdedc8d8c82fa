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

    @Override
    public Set<String> write(EventStore.Rows rows, Collection<Long> userIds) {
        return writer.write(catalogueId, rows, userIds);
    }
}
