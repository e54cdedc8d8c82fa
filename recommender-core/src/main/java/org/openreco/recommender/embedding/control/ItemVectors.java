package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.openreco.recommender.embedding.boundary.EmbeddingModel;
import org.openreco.recommender.embedding.boundary.TextEncoder;

/**
 * Writes item vectors for generations: reads the items' text, encodes only those whose content hash
 * differs from the hash stored with the generation's vector (once per model, however many generations
 * use it), and upserts the vectors in one JDBC batch per table.
 *
 * <p>The items' rows are locked ({@code FOR NO KEY UPDATE}, which events referencing them do not wait
 * for) so that a build and a queue worker never write an older text over a newer one; rows a writer
 * holds are skipped and reported {@link Result#busy busy}, to be marked again (the writer may not
 * mark them itself: only changed text marks an item, and waiting for it could deadlock with its mark).
 */
public final class ItemVectors {

    /** What a call did: texts encoded, items written, and items left for later because a writer held them. */
    public record Result(int encoded, int written, Set<Long> busy) {
    }

    private record ItemRow(long id, String contentHash, String text) {
    }

    private final Connection connection;
    private final TextEncoder encoder;

    public ItemVectors(Connection connection, TextEncoder encoder) {
        this.connection = connection;
        this.encoder = encoder;
    }

    public Result embed(Collection<Long> itemIds, List<Generation> generations) throws SQLException {
        if (itemIds.isEmpty() || generations.isEmpty()) {
            return new Result(0, 0, Set.of());
        }
        Map<Long, ItemRow> items = lockAndRead(itemIds);
        Set<Long> busy = new TreeSet<>(itemIds);
        busy.removeAll(items.keySet());
        busy.removeIf(id -> !exists(id));
        int encoded = 0;
        int written = 0;
        Map<EmbeddingModel, List<Generation>> byModel = new LinkedHashMap<>();
        generations.forEach(g -> byModel.computeIfAbsent(g.model(), m -> new ArrayList<>()).add(g));
        for (var entry : byModel.entrySet()) {
            EmbeddingModel model = entry.getKey();
            Map<Generation, List<ItemRow>> stale = new LinkedHashMap<>();
            Map<Long, ItemRow> toEncode = new LinkedHashMap<>();
            for (Generation generation : entry.getValue()) {
                Map<Long, String> stored = storedHashes(model, generation.id(), items.keySet());
                List<ItemRow> rows = items.values().stream()
                        .filter(item -> !item.contentHash().equals(stored.get(item.id()))).toList();
                stale.put(generation, rows);
                rows.forEach(item -> toEncode.put(item.id(), item));
            }
            if (toEncode.isEmpty()) {
                continue;
            }
            List<ItemRow> ordered = new ArrayList<>(toEncode.values());
            List<float[]> vectors = encoder.encode(model, ordered.stream().map(ItemRow::text).toList());
            encoded += ordered.size();
            Map<Long, float[]> vectorOf = new HashMap<>();
            for (int i = 0; i < ordered.size(); i++) {
                vectorOf.put(ordered.get(i).id(), vectors.get(i));
            }
            for (var generation : stale.entrySet()) {
                written += write(model, generation.getKey().id(), generation.getValue(), vectorOf);
            }
        }
        return new Result(encoded, written, busy);
    }

    /** The items that still exist, locked for this transaction; those a writer holds are left out. */
    private Map<Long, ItemRow> lockAndRead(Collection<Long> itemIds) throws SQLException {
        Map<Long, ItemRow> items = new LinkedHashMap<>();
        try (var select = connection.prepareStatement("""
                select id, content_hash, title, categories, tags, description from item
                 where id = any (?) order by id for no key update skip locked""")) {
            select.setArray(1, connection.createArrayOf("bigint", new TreeSet<>(itemIds).toArray(Long[]::new)));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    String text = ItemText.of(rows.getString(3), strings(rows.getArray(4)), strings(rows.getArray(5)),
                            rows.getString(6));
                    String hash = rows.getString(2);
                    items.put(rows.getLong(1), new ItemRow(rows.getLong(1), hash == null ? "" : hash, text));
                }
            }
        }
        return items;
    }

    /** Whether the item still exists (a deleted one is simply done with). */
    private boolean exists(long itemId) {
        try (var select = connection.prepareStatement("select 1 from item where id = ?")) {
            select.setLong(1, itemId);
            try (var rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<Long, String> storedHashes(EmbeddingModel model, long generationId, Set<Long> itemIds) throws SQLException {
        Map<Long, String> hashes = new HashMap<>();
        try (var select = connection.prepareStatement("select item_id, content_hash from " + model.itemTable()
                + " where generation_id = ? and item_id = any (?)")) {
            select.setLong(1, generationId);
            select.setArray(2, connection.createArrayOf("bigint", itemIds.toArray(Long[]::new)));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    hashes.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return hashes;
    }

    private int write(EmbeddingModel model, long generationId, List<ItemRow> items, Map<Long, float[]> vectors)
            throws SQLException {
        if (items.isEmpty()) {
            return 0;
        }
        try (var upsert = connection.prepareStatement("insert into " + model.itemTable()
                + " (generation_id, item_id, content_hash, embedding, embedded_at) values (?, ?, ?, cast(? as vector), now())"
                + " on conflict (generation_id, item_id) do update set content_hash = excluded.content_hash,"
                + " embedding = excluded.embedding, embedded_at = excluded.embedded_at")) {
            for (ItemRow item : items) {
                upsert.setLong(1, generationId);
                upsert.setLong(2, item.id());
                upsert.setString(3, item.contentHash());
                upsert.setString(4, VectorText.format(vectors.get(item.id())));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        return items.size();
    }

    private static List<String> strings(java.sql.Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
