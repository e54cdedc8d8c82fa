package org.openreco.recommender.spark;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes the version's rows from the executors, each partition over its own connection in chunks of
 * one statement (arrays unnested server-side) and one short transaction, the server's own statements
 * (ModelStore): factors zero-padded to the column's 128 dimensions as pgvector text, neighbours as one
 * row of arrays per item. The server builds the item factors' HNSW index once the job is done.
 */
final class VersionWriter implements Serializable {

    static final int DIMENSIONS = 128;
    static final int CHUNK = 2_000;

    private final String url, user, password;
    private final long versionId, throughId;

    VersionWriter(JobArguments arguments) {
        this.url = arguments.jdbcUrl();
        this.user = arguments.jdbcUser();
        this.password = arguments.jdbcPassword();
        this.versionId = arguments.modelVersion();
        this.throughId = arguments.throughId();
    }

    /** @param factors {@code id, features} */
    void itemFactors(Dataset<Row> factors) {
        factors.foreachPartition((ForeachPartitionFunction<Row>) rows -> inChunks(rows, (connection, chunk) -> {
            try (var insert = connection.prepareStatement("""
                    insert into item_factor (model_version_id, item_id, factors)
                    select ?, unnest(?), cast(unnest(?) as vector)""")) {
                insert.setLong(1, versionId);
                insert.setArray(2, connection.createArrayOf("bigint", ids(chunk)));
                insert.setArray(3, connection.createArrayOf("text", vectors(chunk)));
                insert.executeUpdate();
            }
        }));
    }

    /** @param factors {@code id, features}; folded through the newest interaction the job read */
    void userFactors(Dataset<Row> factors) {
        factors.foreachPartition((ForeachPartitionFunction<Row>) rows -> inChunks(rows, (connection, chunk) -> {
            try (var insert = connection.prepareStatement("""
                    insert into user_factor (model_version_id, user_id, factors, folded_through_id)
                    select ?, unnest(?), cast(unnest(?) as vector), ?""")) {
                insert.setLong(1, versionId);
                insert.setArray(2, connection.createArrayOf("bigint", ids(chunk)));
                insert.setArray(3, connection.createArrayOf("text", vectors(chunk)));
                insert.setLong(4, throughId);
                insert.executeUpdate();
            }
        }));
    }

    /** @param neighbours {@code item_id, neighbour_ids, similarities} */
    void neighbours(Dataset<Row> neighbours) {
        neighbours.foreachPartition((ForeachPartitionFunction<Row>) rows -> inChunks(rows, (connection, chunk) -> {
            Long[] items = ids(chunk);
            String[] others = new String[chunk.size()], similarities = new String[chunk.size()];
            for (int n = 0; n < chunk.size(); n++) {
                Row row = chunk.get(n);
                others[n] = arrayText(row.getList(row.fieldIndex("neighbour_ids")));
                similarities[n] = arrayText(row.getList(row.fieldIndex("similarities")));
            }
            try (var insert = connection.prepareStatement("""
                    insert into item_neighbours (model_version_id, item_id, neighbour_ids, similarities)
                    select ?, unnest(?), cast(unnest(?) as bigint[]), cast(unnest(?) as real[])""")) {
                insert.setLong(1, versionId);
                insert.setArray(2, connection.createArrayOf("bigint", items));
                insert.setArray(3, connection.createArrayOf("text", others));
                insert.setArray(4, connection.createArrayOf("text", similarities));
                insert.executeUpdate();
            }
        }));
    }

    private interface Chunk {
        void write(Connection connection, List<Row> rows) throws SQLException;
    }

    private void inChunks(Iterator<Row> rows, Chunk chunk) throws SQLException {
        if (!rows.hasNext()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.setAutoCommit(false);
            List<Row> buffer = new ArrayList<>(CHUNK);
            while (rows.hasNext()) {
                buffer.add(rows.next());
                if (buffer.size() == CHUNK || !rows.hasNext()) {
                    chunk.write(connection, buffer);
                    connection.commit();
                    buffer.clear();
                }
            }
        }
    }

    private static Long[] ids(List<Row> rows) {
        Long[] ids = new Long[rows.size()];
        for (int n = 0; n < ids.length; n++) {
            ids[n] = rows.get(n).getLong(0);
        }
        return ids;
    }

    private static String[] vectors(List<Row> rows) {
        String[] vectors = new String[rows.size()];
        for (int n = 0; n < vectors.length; n++) {
            Row row = rows.get(n);
            vectors[n] = padded(row.getList(row.fieldIndex("features")));
        }
        return vectors;
    }

    /** pgvector's text form, zero-padded to {@link #DIMENSIONS} (padding leaves every inner product unchanged). */
    static String padded(List<Number> features) {
        var text = new StringBuilder(DIMENSIONS * 10).append('[');
        for (int f = 0; f < DIMENSIONS; f++) {
            text.append(f > 0 ? "," : "").append(f < features.size() ? Float.toString(features.get(f).floatValue()) : "0");
        }
        return text.append(']').toString();
    }

    /** PostgreSQL's array literal of numbers. */
    private static String arrayText(List<Number> values) {
        var text = new StringBuilder(values.size() * 10).append('{');
        for (int n = 0; n < values.size(); n++) {
            text.append(n > 0 ? "," : "").append(values.get(n));
        }
        return text.append('}').toString();
    }
}
