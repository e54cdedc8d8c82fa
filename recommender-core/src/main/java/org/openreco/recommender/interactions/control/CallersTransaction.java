package org.openreco.recommender.interactions.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every step on one connection enlisted in the caller's transaction: users, items and events commit
 * together with whatever else the caller writes (an import chunk's checkpoint), or not at all.
 */
public final class CallersTransaction implements EventWrites {

    private final EventStore store;

    public CallersTransaction(Connection connection, long catalogueId) {
        this.store = new EventStore(connection, catalogueId);
    }

    @Override
    public Known find(Collection<String> itemIds, Collection<String> userIds) {
        try {
            return new Known(store.find("item", itemIds), store.find("app_user", userIds));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the users and items of catalogue " + store.catalogueId() + " failed", e);
        }
    }

    @Override
    public Map<String, Long> create(String table, Collection<String> missing) {
        try {
            Map<String, Long> ids = new HashMap<>();
            var created = store.create(table, missing, ids);
            if (table.equals("item")) {
                store.enqueueItems(created);
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("creating " + missing.size() + " rows in " + table + " failed", e);
        }
    }

    @Override
    public Set<String> write(EventStore.Rows rows, Collection<Long> userIds) {
        try {
            store.holdUserMarks(userIds);
            return store.insert(rows);
        } catch (SQLException e) {
            throw new IllegalStateException("writing " + rows.userIds().length + " events failed", e);
        }
    }
}
