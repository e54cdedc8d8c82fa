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
                // A developer's database that predates the history table is not ours to adopt silently.
                .baselineOnMigrate(false)
                // Version ranges are reserved per branch and branches merge in any order: a migration
                // merged after a higher-numbered one must still run, not fail validation.
                .outOfOrder(true);
    }
}
