package org.openreco.recommender.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.openreco.recommender.platform.control.SchemaMigration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real PostgreSQL + pgvector the integration tests run against: {@code DB_URL}, {@code DB_USER}
 * and {@code DB_PASSWORD} from the environment (failsafe sets them), else the test database that
 * {@code db/local-postgres.sh start} provides. The database is shared with other tests and with a
 * deployed server, so nothing here cleans it: tests create uniquely named data and remove it.
 */
public final class TestDatabase {

    static final String URL = env("DB_URL", "jdbc:postgresql://localhost:55432/recommender_test");
    static final String USER = env("DB_USER", "recommender");
    static final String PASSWORD = env("DB_PASSWORD", "recommender");

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    /** The test database as a (non-pooling) data source, for code that takes one. */
    public static DataSource dataSource() {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(URL);
        dataSource.setUser(USER);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    static Flyway flyway() {
        return SchemaMigration.configuration().dataSource(URL, USER, PASSWORD).load();
    }

    /** Brings the database to the current schema; safe to call from every test class. */
    public static MigrateResult migrate() {
        return flyway().migrate();
    }

    /** A name no other test run uses, valid as a catalogue name. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
