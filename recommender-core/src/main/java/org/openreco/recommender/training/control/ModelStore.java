package org.openreco.recommender.training.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.embedding.control.VectorSql;

/**
 * Writes a trained version's item and user factors and item neighbours in chunks, each chunk one short
 * transaction of one statement (arrays unnested server-side), so that serving and event writes never
 * wait on a training and a failure leaves at most some rows of a version that does not serve.
 * Factors are zero-padded to {@link #DIMENSIONS}, the column's width (padding leaves every inner
 * product unchanged); each version's item factors get an HNSW index of their own.
 */
public final class ModelStore {

    public static final int DIMENSIONS = 128;
    static final int FACTOR_CHUNK = 2_000;
    static final int NEIGHBOUR_CHUNK = 2_000;

    private final Transactions transactions;

    public ModelStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * The item factors in chunks, then the version's own HNSW index over them, built in one pass (V053):
     * a build is several times faster than inserting each row into a live graph.
     */
    public void itemFactors(long versionId, CatalogueInteractions.Data data, AlsModel model) {
        int items = model.itemCount();
        for (int from = 0; from < items; from += FACTOR_CHUNK) {
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
        transactions.inNew(connection -> {
            indexItemFactors(connection, versionId);
            return null;
        });
    }

    /**
     * Builds the version's partial inner-product HNSW index, which serving uses when it names the version
     * as a literal ({@link #indexName}). Its SHARE lock holds back only writes to item_factor (other
     * trainings, item deletions) for the build's duration; reads go on.
     */
    public static void indexItemFactors(Connection connection, long versionId) throws SQLException {
        try (var statement = connection.createStatement()) {
            // the graph of a 100,000-item version needs ~80 MB; beyond maintenance_work_mem the build slows down
            statement.execute("set " + (connection.getAutoCommit() ? "" : "local ") + "maintenance_work_mem = '256MB'");
            statement.execute("create index if not exists " + indexName(versionId)
                    + " on item_factor using hnsw (factors vector_ip_ops) where model_version_id = " + versionId);
        }
    }

    /** The name of the version's partial HNSW index over its item factors. */
    public static String indexName(long versionId) {
        return "item_factor_hnsw_v" + versionId;
    }

    /** Drops the version's factor index, after its rows were deleted (or they never were written). */
    static void dropIndex(Connection connection, long versionId) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("drop index if exists " + indexName(versionId));
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

    /** Each item's neighbours as one row of arrays, best first, without the item itself. */
    public void neighbours(long versionId, CatalogueInteractions.Data data, ItemNeighbours neighbours) {
        for (int from = 0; from < neighbours.itemCount(); from += NEIGHBOUR_CHUNK) {
            int to = Math.min(neighbours.itemCount(), from + NEIGHBOUR_CHUNK);
            var items = new ArrayList<Long>(to - from);
            var others = new ArrayList<String>(to - from);
            var similarities = new ArrayList<String>(to - from);
            for (int i = from; i < to; i++) {
                int[] ids = neighbours.neighbours(i);
                float[] sims = neighbours.similarities(i);
                var idText = new StringBuilder(ids.length * 8).append('{');
                var simText = new StringBuilder(ids.length * 12).append('{');
                for (int j = 0; j < ids.length; j++) {
                    if (ids[j] == i) {
                        continue;
                    }
                    if (idText.length() > 1) {
                        idText.append(',');
                        simText.append(',');
                    }
                    idText.append(data.itemId(ids[j]));
                    simText.append(sims[j]);
                }
                if (idText.length() > 1) {
                    items.add(data.itemId(i));
                    others.add(idText.append('}').toString());
                    similarities.add(simText.append('}').toString());
                }
            }
            if (!items.isEmpty()) {
                writeNeighbours(versionId, items.toArray(Long[]::new), others.toArray(String[]::new),
                        similarities.toArray(String[]::new));
            }
        }
    }

    /**
     * An item × item model of a source (EASE, RP3beta) as one row per item: the items its kept weights
     * point to, largest first, and the weights.
     */
    public void itemWeights(long versionId, String source, CatalogueInteractions.Data data, ItemNeighbours weights) {
        for (int from = 0; from < weights.itemCount(); from += NEIGHBOUR_CHUNK) {
            int to = Math.min(weights.itemCount(), from + NEIGHBOUR_CHUNK);
            var items = new ArrayList<Long>(to - from);
            var targets = new ArrayList<String>(to - from);
            var values = new ArrayList<String>(to - from);
            for (int i = from; i < to; i++) {
                int[] ids = weights.neighbours(i);
                if (ids.length == 0) {
                    continue;
                }
                float[] w = weights.similarities(i);
                var idText = new StringBuilder(ids.length * 8).append('{');
                var weightText = new StringBuilder(ids.length * 12).append('{');
                for (int j = 0; j < ids.length; j++) {
                    idText.append(j > 0 ? "," : "").append(data.itemId(ids[j]));
                    weightText.append(j > 0 ? "," : "").append(w[j]);
                }
                items.add(data.itemId(i));
                targets.add(idText.append('}').toString());
                values.add(weightText.append('}').toString());
            }
            if (items.isEmpty()) {
                continue;
            }
            transactions.inNew(connection -> {
                try (var insert = connection.prepareStatement("""
                        insert into item_weights (model_version_id, source, item_id, target_ids, weights)
                        select ?, ?, unnest(?), cast(unnest(?) as bigint[]), cast(unnest(?) as real[])""")) {
                    insert.setLong(1, versionId);
                    insert.setString(2, source);
                    insert.setArray(3, connection.createArrayOf("bigint", items.toArray(Long[]::new)));
                    insert.setArray(4, connection.createArrayOf("text", targets.toArray(String[]::new)));
                    insert.setArray(5, connection.createArrayOf("text", values.toArray(String[]::new)));
                    return insert.executeUpdate();
                }
            });
        }
    }

    /**
     * The factors a version stored (by a Spark job), indexed as the data indexes users and items; a user or
     * item without a row has zero factors, as the server's own training leaves one without positives.
     */
    public AlsModel readModel(long versionId, CatalogueInteractions.Data data, int factors, double regularization, double alpha) {
        float[] users = new float[data.log().userCount() * factors], items = new float[data.log().itemCount() * factors];
        readFactors("user_factor", "user_id", versionId, data.log().userIds(), users, factors);
        readFactors("item_factor", "item_id", versionId, data.log().itemIds(), items, factors);
        return AlsModel.restore(factors, users, items, regularization, alpha);
    }

    private void readFactors(String table, String idColumn, long versionId, IdIndex index, float[] target, int factors) {
        transactions.inNew(connection -> {
            try (var select = connection.prepareStatement("select " + idColumn + ", " + VectorSql.column("factors") + " from "
                    + table + " where model_version_id = ?")) {
                select.setFetchSize(FACTOR_CHUNK);
                select.setLong(1, versionId);
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        int row = index.indexOf(Long.toString(rows.getLong(1)));
                        if (row >= 0) {
                            System.arraycopy(VectorSql.read(rows, 2), 0, target, row * factors, factors);
                        }
                    }
                }
            }
            return null;
        });
    }

    /** The neighbours a version stored (by a Spark job), indexed as the data indexes items. */
    public ItemNeighbours readNeighbours(long versionId, CatalogueInteractions.Data data) {
        int items = data.log().itemCount();
        int[][] neighbours = new int[items][];
        float[][] similarities = new float[items][];
        transactions.inNew(connection -> {
            try (var select = connection.prepareStatement(
                    "select item_id, neighbour_ids, similarities from item_neighbours where model_version_id = ?")) {
                select.setFetchSize(NEIGHBOUR_CHUNK);
                select.setLong(1, versionId);
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        int item = data.log().itemIds().indexOf(Long.toString(rows.getLong(1)));
                        Long[] ids = (Long[]) rows.getArray(2).getArray();
                        Float[] values = (Float[]) rows.getArray(3).getArray();
                        if (item < 0) {
                            continue;
                        }
                        neighbours[item] = new int[ids.length];
                        similarities[item] = new float[ids.length];
                        for (int n = 0; n < ids.length; n++) {
                            neighbours[item][n] = data.log().itemIds().indexOf(Long.toString(ids[n]));
                            similarities[item][n] = values[n];
                        }
                    }
                }
            }
            return null;
        });
        for (int i = 0; i < items; i++) {
            if (neighbours[i] == null) {
                neighbours[i] = new int[0];
                similarities[i] = new float[0];
            }
        }
        return ItemNeighbours.packed(neighbours, similarities);
    }

    /** Removes what a failed training stored. */
    public void remove(long versionId) {
        transactions.inNew(connection -> {
            for (String table : new String[] {"item_factor", "user_factor", "item_neighbours", "item_weights"}) {
                try (var delete = connection.prepareStatement("delete from " + table + " where model_version_id = ?")) {
                    delete.setLong(1, versionId);
                    delete.executeUpdate();
                }
            }
            dropIndex(connection, versionId);
            return null;
        });
    }

    private void writeNeighbours(long versionId, Long[] items, String[] neighbourIds, String[] similarities) {
        transactions.inNew(connection -> {
            try (var insert = connection.prepareStatement("""
                    insert into item_neighbours (model_version_id, item_id, neighbour_ids, similarities)
                    select ?, unnest(?), cast(unnest(?) as bigint[]), cast(unnest(?) as real[])""")) {
                insert.setLong(1, versionId);
                insert.setArray(2, connection.createArrayOf("bigint", items));
                insert.setArray(3, connection.createArrayOf("text", neighbourIds));
                insert.setArray(4, connection.createArrayOf("text", similarities));
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
