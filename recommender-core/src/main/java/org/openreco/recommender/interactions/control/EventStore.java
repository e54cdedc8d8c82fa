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
        // one unique-index probe per id, whatever the statistics say: "external_id = any (?)" on a table not
        // analysed yet compared every row with every id (2 s for 1,000 ids in 60,000 users), and a plain join
        // hashed all of a catalogue its statistics did not know yet (85 ms per batch at 75,000 users); the
        // LIMIT keeps the planner from flattening the lateral probe into such a join
        try (var select = connection.prepareStatement("select x.external_id, t.id from unnest(?::varchar[]) as x(external_id)"
                + " cross join lateral (select t.id from " + checked(table) + " t"
                + " where t.catalogue_id = ? and t.external_id = x.external_id limit 1) t")) {
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
     * Holds every user's queue mark with a share lock until this transaction commits: a re-embedding
     * worker (FOR UPDATE SKIP LOCKED) passes the users by until the events are visible, while writers of
     * the same users do not wait for each other (share locks do not conflict; V030's DO UPDATE made them
     * queue behind each other's whole transaction). Missing marks are inserted, invisible to workers until
     * the commit; only writers inserting the same new mark wait for each other. Call it before writing the
     * events, so that their ids are allocated while the marks are held (the per-user watermark of
     * UserVectors). Row locks live in the rows, not in PostgreSQL's lock table, so a batch of 10,000
     * users needs no configuration. A parked mark gets a fresh start: new events are a reason to try the
     * user again (the encoder may be back).
     */
    public void holdUserMarks(Collection<Long> userIds) throws SQLException {
        Set<Long> unheld = new TreeSet<>(userIds);
        unpark(unheld);
        for (int round = 0; !unheld.isEmpty(); round++) {
            if (round == 5) {
                throw new SQLException("could not hold the queue marks of " + unheld.size() + " users in five rounds");
            }
            try (var lock = connection.prepareStatement("""
                    select entity_id from embedding_queue where kind = 'user' and entity_id = any (?::bigint[])
                     order by entity_id for share""")) {
                lock.setArray(1, connection.createArrayOf("bigint", unheld.toArray(Long[]::new)));
                try (var held = lock.executeQuery()) {
                    while (held.next()) {
                        unheld.remove(held.getLong(1));
                    }
                }
            }
            if (unheld.isEmpty()) {
                return;
            }
            // no mark yet, or claimed by a worker meanwhile: marks of this transaction's own
            try (var insert = connection.prepareStatement("""
                    insert into embedding_queue (catalogue_id, kind, entity_id)
                    select ?, 'user', x from unnest(?::bigint[]) as x order by x
                    on conflict (kind, entity_id) do nothing returning entity_id""")) {
                insert.setLong(1, catalogueId);
                insert.setArray(2, connection.createArrayOf("bigint", unheld.toArray(Long[]::new)));
                try (var inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        unheld.remove(inserted.getLong(1));
                    }
                }
            }
            // the rest were inserted by another writer meanwhile: share-lock those in the next round
        }
    }

    /**
     * Unparks the users' parked marks, locked in user order so that writers of the same users queue
     * instead of deadlocking; a writer that waited finds them unparked and changes nothing. The probe
     * reads a partial index that holds the parked user marks only, so the usual batch pays next to nothing.
     */
    private void unpark(Set<Long> userIds) throws SQLException {
        try (var update = connection.prepareStatement("""
                update embedding_queue set parked = false, attempts = 0, last_error = null, next_attempt_at = now()
                 where id in (select id from embedding_queue
                               where kind = 'user' and parked and entity_id = any (?::bigint[])
                               order by entity_id for update)""")) {
            update.setArray(1, connection.createArrayOf("bigint", userIds.toArray(Long[]::new)));
            update.executeUpdate();
        }
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
