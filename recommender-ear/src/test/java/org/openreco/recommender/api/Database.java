package org.openreco.recommender.api;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Reads the real database behind the deployed server (DB_URL, DB_USER, DB_PASSWORD), to assert what
 * a request stored. Every count is scoped to one catalogue: other tests use the database at the same time.
 */
final class Database {

    static final String URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    static final String USER = env("DB_USER", "recommender");
    static final String PASSWORD = env("DB_PASSWORD", "recommender");

    private Database() {
    }

    /** Rows of the table (item, app_user, interaction, api_key, embedding_queue, ...) in the catalogue. */
    static long count(String table, String catalogue) {
        return single("select count(*) from " + table + " t join catalogue c on c.id = t.catalogue_id where c.name = ?",
                catalogue);
    }

    /** The first column of the first row of a query with string parameters. */
    static <T> T single(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
                var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                @SuppressWarnings("unchecked")
                T value = (T) rows.getObject(1);
                return value;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
