package org.openreco.recommender.embedding.control;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.openreco.recommender.platform.control.SchemaMigration;

/**
 * The real PostgreSQL + pgvector of the pipeline's database tests (DB_URL etc., else the local test
 * database), and {@link Transactions} over plain JDBC: commit when the work returns, rollback when it throws.
 */
final class PipelineDatabase implements Transactions {

    static final String URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    static final String USER = env("DB_USER", "recommender");
    static final String PASSWORD = env("DB_PASSWORD", "recommender");

    static void migrate() {
        SchemaMigration.configuration().dataSource(URL, USER, PASSWORD).load().migrate();
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
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
                throw e instanceof WorkFailed failed ? failed : new WorkFailed(e);
            }
        } catch (SQLException e) {
            throw new WorkFailed(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
