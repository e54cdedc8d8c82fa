package org.openreco.recommender.platform.control;

import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Brings the database to the schema this build expects, from the migrations in db/migration. */
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    private final DataSource dataSource;

    public SchemaMigration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void apply() {
        var result = configuration().dataSource(dataSource).load().migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }

    /** How this application migrates, shared with the tests that migrate a database themselves. */
    public static FluentConfiguration configuration() {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .locations("classpath:db/migration")
                // The batch runtime's JDBC job repository (configure-server.cli) creates its tables in the
                // database when the server starts, before this runs: a fresh database is then "non-empty"
                // without a history table, which Flyway refuses. Baselining at version 0 still applies every
                // migration from V001, so a database that holds this application's tables without a history
                // (a developer's, predating it) is not adopted silently either: V001 fails on its first table.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                // Version ranges are reserved per branch and branches merge in any order: a migration
                // merged after a higher-numbered one must still run, not fail validation.
                .outOfOrder(true);
    }
}
