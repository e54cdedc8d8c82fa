package org.openreco.recommender.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openreco.recommender.embedding.control.Transactions;
import org.openreco.recommender.platform.control.SchemaMigration;

/**
 * The test database (DB_URL, DB_USER, DB_PASSWORD as failsafe sets them, else the local one), transactions
 * over plain JDBC as the server's are over its datasource, and ml-latest-small loaded as a catalogue the way
 * the product's import stores ratings (weight rating − 2.5).
 */
final class TestDatabase implements Transactions {

    static final String URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    static final String USER = env("DB_USER", "recommender");
    static final String PASSWORD = env("DB_PASSWORD", "recommender");

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    static void migrate() {
        SchemaMigration.configuration().dataSource(URL, USER, PASSWORD).load().migrate();
    }

    @Override
    public <T> T inNew(Work<T> work) {
        try (var connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Exception e) {
                connection.rollback();
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path movieLens() {
        String datasets = env("RECOMMENDER_DATASETS", System.getProperty("recommender.datasets", "../../shared/datasets"));
        return Path.of(datasets, "ml-latest-small");
    }

    /** ml-latest-small's first {@code limit} ratings as a new catalogue's users, items and rating events; its id. */
    static long loadMovieLens(Connection connection, String settingsJson, int limit) throws SQLException, IOException {
        List<String[]> ratings = new ArrayList<>();
        try (var lines = Files.lines(movieLens().resolve("ratings.csv"))) {
            lines.skip(1).limit(limit).forEach(line -> ratings.add(line.split(",")));
        }
        connection.setAutoCommit(false);
        long catalogueId;
        try (var insert = connection.prepareStatement("insert into catalogue (name, settings) values (?, cast(? as jsonb)) returning id")) {
            insert.setString(1, "spark-it-" + UUID.randomUUID().toString().substring(0, 13));
            insert.setString(2, settingsJson);
            try (var rows = insert.executeQuery()) {
                rows.next();
                catalogueId = rows.getLong(1);
            }
        }
        try (var u = connection.prepareStatement("insert into app_user (catalogue_id, external_id) select ?, unnest(?)");
             var i = connection.prepareStatement("insert into item (catalogue_id, external_id, title) select ?, x, 'movie ' || x from unnest(?) x")) {
            u.setLong(1, catalogueId);
            u.setArray(2, connection.createArrayOf("text", ratings.stream().map(r -> r[0]).distinct().toArray()));
            u.executeUpdate();
            i.setLong(1, catalogueId);
            i.setArray(2, connection.createArrayOf("text", ratings.stream().map(r -> r[1]).distinct().toArray()));
            i.executeUpdate();
        }
        try (var e = connection.prepareStatement("""
                insert into interaction (catalogue_id, user_id, item_id, type, value, weight, occurred_at)
                select ?, u.id, i.id, 'rating', r.rating, r.rating - 2.5, to_timestamp(r.at)
                  from unnest(?::text[], ?::text[], ?::float8[], ?::bigint[]) with ordinality as r(usr, itm, rating, at, n)
                  join app_user u on u.catalogue_id = ? and u.external_id = r.usr
                  join item i on i.catalogue_id = ? and i.external_id = r.itm
                 order by r.n""")) {
            e.setLong(1, catalogueId);
            e.setArray(2, connection.createArrayOf("text", ratings.stream().map(r -> r[0]).toArray()));
            e.setArray(3, connection.createArrayOf("text", ratings.stream().map(r -> r[1]).toArray()));
            e.setArray(4, connection.createArrayOf("float8", ratings.stream().map(r -> Double.parseDouble(r[2])).toArray()));
            e.setArray(5, connection.createArrayOf("bigint", ratings.stream().map(r -> Long.parseLong(r[3])).toArray()));
            e.setLong(6, catalogueId);
            e.setLong(7, catalogueId);
            e.executeUpdate();
        }
        connection.commit();
        connection.setAutoCommit(true);
        return catalogueId;
    }

    static void deleteCatalogue(long catalogueId) throws SQLException {
        try (var connection = connect(); var delete = connection.prepareStatement("delete from catalogue where id = ?")) {
            delete.setLong(1, catalogueId);
            delete.executeUpdate();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
