package org.openreco.recommender.interactions.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL of recording events, a constant number of statements per batch whatever its size: ids
 * resolved by joining {@code unnest(array)}, rows written with {@code insert … select from unnest(arrays)}.
 * Keys are written in sorted order so that concurrent batches touching the same users, items or
 * client event ids wait for each other instead of deadlocking.
 */
public final class EventStore {

    private final Connection connection;
    private final long catalogueId;

    public EventStore(Connection connection, long catalogueId) {
        this.connection = connection;
        this.catalogueId = catalogueId;
    }

    public long catalogueId() {
        return catalogueId;
    }

    /** Database ids of the catalogue's users (or items) with these external ids; absent ones are missing from the map. */
    public Map<String, Long> find(String table, Collection<String> externalIds) throws SQLException {
        Map<String, Long> ids = new HashMap<>(externalIds.size() * 2);
        if (externalIds.isEmpty()) {
            return ids;
        }
        // a join, not "external_id = any (?)": on a table not analysed yet (a fresh database) the planner
        // scans it and compares every row with every id of the array; measured 2 s for 1,000 ids in 60,000 users
        try (var select = connection.prepareStatement("select t.external_id, t.id from unnest(?::varchar[]) as x(external_id)"
                + " join " + checked(table) + " t on t.catalogue_id = ? and t.external_id = x.external_id")) {
            select.setArray(1, connection.createArrayOf("varchar", externalIds.toArray(String[]::new)));
            select.setLong(2, catalogueId);
            collect(select, ids);
        }
        return ids;
    }

    /**
     * Creates the users (or minimal items, titled with their external id) that do not exist yet and
     * adds their ids to {@code ids}; rows a concurrent batch created meanwhile are read back.
     * Returns the ids this call created.
     */
    public List<Long> create(String table, Collection<String> missing, Map<String, Long> ids) throws SQLException {
        List<Long> created = new ArrayList<>();
        if (missing.isEmpty()) {
            return created;
        }
        String[] sorted = new TreeSet<>(missing).toArray(String[]::new);
        String columns = table.equals("item") ? "(catalogue_id, external_id, title) select ?, x, x" : "(catalogue_id, external_id) select ?, x";
        try (var insert = connection.prepareStatement("insert into " + checked(table) + " " + columns
                + " from unnest(?::varchar[]) with ordinality as t(x, n) order by n"
                + " on conflict (catalogue_id, external_id) do nothing returning external_id, id")) {
            insert.setLong(1, catalogueId);
            insert.setArray(2, connection.createArrayOf("varchar", sorted));
            Map<String, Long> inserted = new HashMap<>();
            collect(insert, inserted);
            created.addAll(inserted.values());
            ids.putAll(inserted);
        }
        if (created.size() < sorted.length) {
            Set<String> raced = new HashSet<>(missing);
            raced.removeAll(ids.keySet());
            ids.putAll(find(table, raced));
        }
        return created;
    }

    /** The columns of the events to insert, one array element per event. */
    public record Rows(Long[] userIds, Long[] itemIds, String[] types, Double[] values, Double[] weights,
            String[] occurredAt, String[] clientEventIds, String[] requestIds) {
    }

    /**
     * Inserts the events in one statement; those whose client event id is already stored are skipped.
     * Returns the client event ids that were inserted (the others with an id were duplicates).
     */
    public Set<String> insert(Rows rows) throws SQLException {
        Set<String> inserted = new HashSet<>();
        try (var insert = connection.prepareStatement("""
                with added as (
                    insert into interaction (catalogue_id, user_id, item_id, type, value, weight, occurred_at,
                                             client_event_id, request_id)
                    select ?, u, i, t, v, w, o::timestamptz, c, r::uuid
                    from unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::float8[], ?::float8[], ?::text[],
                                ?::varchar[], ?::text[]) as e(u, i, t, v, w, o, c, r)
                    on conflict (catalogue_id, client_event_id) do nothing
                    returning client_event_id)
                select client_event_id from added where client_event_id is not null""")) {
            insert.setLong(1, catalogueId);
            insert.setArray(2, connection.createArrayOf("bigint", rows.userIds()));
            insert.setArray(3, connection.createArrayOf("bigint", rows.itemIds()));
            insert.setArray(4, connection.createArrayOf("varchar", rows.types()));
            insert.setArray(5, connection.createArrayOf("float8", rows.values()));
            insert.setArray(6, connection.createArrayOf("float8", rows.weights()));
            insert.setArray(7, connection.createArrayOf("text", rows.occurredAt()));
            insert.setArray(8, connection.createArrayOf("varchar", rows.clientEventIds()));
            insert.setArray(9, connection.createArrayOf("text", rows.requestIds()));
            try (var result = insert.executeQuery()) {
                while (result.next()) {
                    inserted.add(result.getString(1));
                }
            }
        }
        return inserted;
    }

    /**
     * Marks items dirty for re-embedding (an existing mark stays as it is): for items this batch created.
     */
    public void enqueueItems(Collection<Long> itemIds) throws SQLException {
        if (itemIds.isEmpty()) {
            return;
        }
        insertMarks("item", itemIds);
    }

    /**
     * Marks the batch's users dirty and holds each user's shared advisory lock until the transaction
     * commits (V052): a re-embedding worker passes a user by while any writer holds it, so it never
     * folds a user whose events are not visible yet. Concurrent writers do not wait for each other; a
     * writer waits only for a worker folding the user right now. Call it before writing the events, so
     * that their ids are allocated while the locks are held (the per-user watermark of UserVectors).
     */
    public void markUsersForEvents(Collection<Long> userIds) throws SQLException {
        if (userIds.isEmpty()) {
            return;
        }
        var sorted = new TreeSet<>(userIds).toArray(Long[]::new);
        try (var lock = connection.prepareStatement("select lock_users_for_events(?::bigint[])")) {
            lock.setArray(1, connection.createArrayOf("bigint", sorted));
            lock.execute();
        }
        insertMarks("user", userIds);
    }

    /** Existing marks keep their time and are not touched: an update would make writers queue behind each other. */
    private void insertMarks(String kind, Collection<Long> entityIds) throws SQLException {
        try (var insert = connection.prepareStatement("""
                insert into embedding_queue (catalogue_id, kind, entity_id)
                select ?, ?, x from unnest(?::bigint[]) with ordinality as t(x, n) order by n
                on conflict (kind, entity_id) do nothing""")) {
            insert.setLong(1, catalogueId);
            insert.setString(2, kind);
            insert.setArray(3, connection.createArrayOf("bigint", new TreeSet<>(entityIds).toArray(Long[]::new)));
            insert.executeUpdate();
        }
    }

    private static void collect(PreparedStatement statement, Map<String, Long> ids) throws SQLException {
        try (var result = statement.executeQuery()) {
            while (result.next()) {
                ids.put(result.getString(1), result.getLong(2));
            }
        }
    }

    private static String checked(String table) {
        if (!table.equals("app_user") && !table.equals("item")) {
            throw new IllegalArgumentException(table);
        }
        return table;
    }
}
