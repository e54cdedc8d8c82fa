package org.openreco.recommender.training.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.openreco.recommender.embedding.control.Transactions;

/**
 * Writes a trained version's item and user factors and item neighbours in chunks, each chunk one short
 * transaction of one statement (arrays unnested server-side), so that serving and event writes never
 * wait on a training and a failure leaves at most some rows of a version that does not serve.
 * Factors are zero-padded to {@link #DIMENSIONS}, the width of the one inner-product index (padding
 * leaves every inner product unchanged).
 */
public final class ModelStore {

    public static final int DIMENSIONS = 128;
    static final int FACTOR_CHUNK = 2_000;
    static final int NEIGHBOUR_CHUNK = 20_000;

    private final Transactions transactions;

    public ModelStore(Transactions transactions) {
        this.transactions = transactions;
    }

    public void itemFactors(long versionId, CatalogueInteractions.Data data, AlsModel model) {
        itemFactors(versionId, data, model, 0, 1);
    }

    /**
     * Every {@code parts}-th chunk of the item factors starting at chunk {@code part}: an HNSW insert is
     * one backend's CPU work, so parts written on connections of their own run side by side.
     */
    public void itemFactors(long versionId, CatalogueInteractions.Data data, AlsModel model, int part, int parts) {
        int items = model.itemCount();
        for (int from = part * FACTOR_CHUNK; from < items; from += parts * FACTOR_CHUNK) {
            int to = Math.min(items, from + FACTOR_CHUNK);
            Long[] ids = new Long[to - from];
            String[] vectors = new String[to - from];
            for (int i = from; i < to; i++) {
                ids[i - from] = data.itemId(i);
                vectors[i - from] = padded(model.itemVector(i));
            }
            transactions.inNew(connection -> insert(connection, """
                    insert into item_factor (model_version_id, item_id, factors)
                    select ?, unnest(?), cast(unnest(?) as vector)""", versionId, ids, vectors));
        }
    }

    /** User factors, folded through the newest interaction the training read. */
    public void userFactors(long versionId, CatalogueInteractions.Data data, AlsModel model) {
        int users = model.userCount();
        for (int from = 0; from < users; from += FACTOR_CHUNK) {
            int to = Math.min(users, from + FACTOR_CHUNK);
            Long[] ids = new Long[to - from];
            String[] vectors = new String[to - from];
            for (int u = from; u < to; u++) {
                ids[u - from] = data.userId(u);
                vectors[u - from] = padded(model.userVector(u));
            }
            transactions.inNew(connection -> {
                try (var insert = connection.prepareStatement("""
                        insert into user_factor (model_version_id, user_id, factors, folded_through_id)
                        select ?, unnest(?), cast(unnest(?) as vector), ?""")) {
                    insert.setLong(1, versionId);
                    insert.setArray(2, connection.createArrayOf("bigint", ids));
                    insert.setArray(3, connection.createArrayOf("text", vectors));
                    insert.setLong(4, data.throughId());
                    return insert.executeUpdate();
                }
            });
        }
    }

    public void neighbours(long versionId, CatalogueInteractions.Data data, ItemNeighbours neighbours) {
        Long[] items = new Long[NEIGHBOUR_CHUNK];
        Long[] others = new Long[NEIGHBOUR_CHUNK];
        Float[] similarities = new Float[NEIGHBOUR_CHUNK];
        int n = 0;
        for (int i = 0; i < neighbours.itemCount(); i++) {
            int[] ids = neighbours.neighbours(i);
            float[] sims = neighbours.similarities(i);
            for (int j = 0; j < ids.length; j++) {
                if (ids[j] == i) {
                    continue;
                }
                items[n] = data.itemId(i);
                others[n] = data.itemId(ids[j]);
                similarities[n++] = sims[j];
                if (n == NEIGHBOUR_CHUNK) {
                    writeNeighbours(versionId, items, others, similarities, n);
                    n = 0;
                }
            }
        }
        if (n > 0) {
            writeNeighbours(versionId, items, others, similarities, n);
        }
    }

    /** Removes what a failed training stored. */
    public void remove(long versionId) {
        transactions.inNew(connection -> {
            for (String table : new String[] {"item_factor", "user_factor", "item_neighbour"}) {
                try (var delete = connection.prepareStatement("delete from " + table + " where model_version_id = ?")) {
                    delete.setLong(1, versionId);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    private void writeNeighbours(long versionId, Long[] items, Long[] others, Float[] similarities, int n) {
        Long[] i = Arrays.copyOf(items, n), o = Arrays.copyOf(others, n);
        Float[] s = Arrays.copyOf(similarities, n);
        transactions.inNew(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into item_neighbour (model_version_id, item_id, neighbour_id, similarity)
                    select ?, unnest(?), unnest(?), unnest(?)""")) {
                insert.setLong(1, versionId);
                insert.setArray(2, connection.createArrayOf("bigint", i));
                insert.setArray(3, connection.createArrayOf("bigint", o));
                insert.setArray(4, connection.createArrayOf("float4", s));
                return insert.executeUpdate();
            }
        });
    }

    private static int insert(Connection connection, String sql, long versionId, Long[] ids, String[] vectors)
            throws SQLException {
        try (var insert = connection.prepareStatement(sql)) {
            insert.setLong(1, versionId);
            insert.setArray(2, connection.createArrayOf("bigint", ids));
            insert.setArray(3, connection.createArrayOf("text", vectors));
            return insert.executeUpdate();
        }
    }

    /** pgvector's text form, zero-padded to {@link #DIMENSIONS}. */
    static String padded(float[] factors) {
        var text = new StringBuilder(DIMENSIONS * 10).append('[');
        for (int f = 0; f < DIMENSIONS; f++) {
            if (f > 0) {
                text.append(',');
            }
            text.append(f < factors.length ? Float.toString(factors[f]) : "0");
        }
        return text.append(']').toString();
    }
}
