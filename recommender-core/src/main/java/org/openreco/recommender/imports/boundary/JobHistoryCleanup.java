package org.openreco.recommender.imports.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.imports.control.ImportLedger;
import org.openreco.recommender.imports.control.JobHistory;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.Settings;

/**
 * Keeps the imports' history from growing without end: every night, JBeret's job history of imports that
 * ended more than {@link #RETENTION_DAYS} days ago is removed, and so are the error reports of imports that
 * ended more than {@code -Drecommender.retention.import-error-days} (default 90) days ago (the imports' own
 * records stay), as are uploads older than {@link #RETENTION_DAYS} days that a restartable import kept and
 * nobody restarted. An admin can run the first two at once with another retention.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobHistoryCleanup {

    private static final Logger LOG = Logger.getLogger(JobHistoryCleanup.class.getName());
    public static final int RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 36_500;

    static final String ERROR_RETENTION_PROPERTY = "recommender.retention.import-error-days";
    static final int DEFAULT_ERROR_RETENTION_DAYS = 90;

    @Inject
    JobHistory history;

    @Inject
    ImportLedger ledger;

    @Schedule(hour = "3", minute = "17", persistent = false, info = "JBeret job history clean-up")
    void nightly() {
        try {
            int removed = history.purgeOlderThan(RETENTION_DAYS);
            LOG.log(Level.INFO, "removed {0} job executions older than {1} days", new Object[] {removed, RETENTION_DAYS});
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job history clean-up failed (tried again tomorrow): {0}", e.toString());
        }
        try {
            int removed = removeFilesOlderThan(Imports.uploadFolder(), Instant.now().minus(Duration.ofDays(RETENTION_DAYS)));
            LOG.log(Level.INFO, "removed {0} uploads older than {1} days", new Object[] {removed, RETENTION_DAYS});
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "upload clean-up failed (tried again tomorrow): {0}", e.toString());
        }
        int days = errorRetentionDays(Settings.value(ERROR_RETENTION_PROPERTY));
        try {
            int removed = ledger.purgeProblemsOlderThan(days);
            LOG.log(Level.INFO, "removed {0} error report lines of imports older than {1} days", new Object[] {removed, days});
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "error report clean-up failed (tried again tomorrow): {0}", e.toString());
        }
    }

    /**
     * Removes the uploads last written before the instant: those of restartable imports that were never
     * restarted (any other import removes its upload when it ends).
     */
    static int removeFilesOlderThan(Path folder, Instant before) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    static int errorRetentionDays(String configured) {
        if (configured != null && configured.strip().matches("[1-9][0-9]{0,4}")) {
            return Math.min(Integer.parseInt(configured.strip()), MAX_RETENTION_DAYS);
        }
        return DEFAULT_ERROR_RETENTION_DAYS;
    }

    /** Removes the error reports of imports that ended more than the given days ago now; how many lines went. */
    public int purgeErrorReportsOlderThan(int days) {
        if (days < 1 || days > MAX_RETENTION_DAYS) {
            throw new InvalidInputException("olderThanDays", "must be between 1 and " + MAX_RETENTION_DAYS);
        }
        return ledger.purgeProblemsOlderThan(days);
    }

    /** Removes the job history older than the given days now; returns how many job executions went. */
    public int purgeOlderThan(int days) {
        if (days < 1 || days > MAX_RETENTION_DAYS) {
            throw new InvalidInputException("olderThanDays", "must be between 1 and " + MAX_RETENTION_DAYS);
        }
        return history.purgeOlderThan(days);
    }
}
