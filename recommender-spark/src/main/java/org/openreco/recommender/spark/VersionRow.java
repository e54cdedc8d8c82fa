package org.openreco.recommender.spark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The model version the job trains, over plain JDBC: its catalogue and parameters, and its progress. Every
 * write is guarded by status 'training', so a version the server gave up (failed, or a restart
 * interrupted it) is never written to: the job then stops.
 */
final class VersionRow {

    /** The parameters the job needs, as the server stored them (TrainingRun.parameters). */
    record Parameters(long catalogueId, int factors, double alpha, double regularization, int epochs, int neighbours,
            long seed) {
    }

    private final JobArguments arguments;

    VersionRow(JobArguments arguments) {
        this.arguments = arguments;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(arguments.jdbcUrl(), arguments.jdbcUser(), arguments.jdbcPassword());
    }

    Parameters parameters() throws SQLException {
        try (var connection = connect(); var select = connection.prepareStatement("""
                select catalogue_id, status, (parameters->>'factors')::int, (parameters->>'alpha')::float8,
                       (parameters->>'regularization')::float8, (parameters->>'epochs')::int,
                       (parameters->>'neighbours')::int, (parameters->>'seed')::bigint
                  from model_version where id = ?""")) {
            select.setLong(1, arguments.modelVersion());
            try (var rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("model version " + arguments.modelVersion() + " does not exist");
                }
                if (!"training".equals(rows.getString(2))) {
                    throw new IllegalStateException("model version " + arguments.modelVersion() + " is " + rows.getString(2)
                            + ", not training");
                }
                return new Parameters(rows.getLong(1), rows.getInt(3), rows.getDouble(4), rows.getDouble(5), rows.getInt(6),
                        rows.getInt(7), rows.getLong(8));
            }
        }
    }

    /** Records the phase the job is in (the API and console show it); stops the job when the version is no longer training. */
    void progress(String phase, int epoch, int epochs) throws SQLException {
        String json = String.format(Locale.ROOT, "{\"phase\": \"%s\", \"epoch\": %d, \"epochs\": %d, \"loss\": [], \"engine\": \"spark\"}",
                phase, epoch, epochs);
        try (var connection = connect(); var update = connection.prepareStatement(
                "update model_version set progress = cast(? as jsonb), progressed_at = now() where id = ? and status = 'training'")) {
            update.setString(1, json);
            update.setLong(2, arguments.modelVersion());
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("model version " + arguments.modelVersion() + " is no longer training: the job stops");
            }
        }
    }
}
