package org.openreco.recommender.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.sql.SQLException;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A catalogue's positives, read from PostgreSQL in {@code partitions} ranges of user ids (one query
 * and one connection per partition, each streaming with a fetch size): the events through the newest
 * id the server read are summed per (user, item) with their weights, and a pair whose sum is positive
 * is a positive with that sum as its weight — the server's rule (CatalogueInteractions). Columns
 * {@code user_id, item_id, weight}.
 */
final class PositiveEvents {

    private final SparkSession spark;
    private final JobArguments arguments;

    PositiveEvents(SparkSession spark, JobArguments arguments) {
        this.spark = spark;
        this.arguments = arguments;
    }

    Dataset<Row> read(long catalogueId) throws SQLException {
        long low, high;
        try (var connection = new VersionRow(arguments).connect(); var bounds = connection.prepareStatement(
                "select coalesce(min(user_id), 0), coalesce(max(user_id), 0) from interaction where catalogue_id = ? and id <= ?")) {
            bounds.setLong(1, catalogueId);
            bounds.setLong(2, arguments.throughId());
            try (var rows = bounds.executeQuery()) {
                rows.next();
                low = rows.getLong(1);
                high = rows.getLong(2);
            }
        }
        Properties properties = new Properties();
        properties.setProperty("user", arguments.jdbcUser());
        properties.setProperty("password", arguments.jdbcPassword());
        properties.setProperty("driver", "org.postgresql.Driver");
        properties.setProperty("fetchsize", "10000");
        String events = "(select user_id, item_id, weight from interaction where catalogue_id = " + catalogueId
                + " and id <= " + arguments.throughId() + ") as events";
        // the upper bound is exclusive: max + 1 keeps the last user in the last partition's range
        return spark.read().jdbc(arguments.jdbcUrl(), events, "user_id", low, high + 1, arguments.partitions(), properties)
                .groupBy("user_id", "item_id").agg(sum("weight").as("weight"))
                .where(col("weight").gt(0));
    }
}
