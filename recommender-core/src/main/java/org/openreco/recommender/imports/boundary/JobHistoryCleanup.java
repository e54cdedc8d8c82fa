package org.openreco.recommender.imports.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openreco.recommender.imports.control.JobHistory;
import org.openreco.recommender.platform.boundary.InvalidInputException;

/**
 * Keeps JBeret's job repository from growing without end: every night, the job history of imports that
 * ended more than {@link #RETENTION_DAYS} days ago is removed (the imports' own records stay). An admin
 * can run it at once with another retention.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobHistoryCleanup {

    private static final Logger LOG = Logger.getLogger(JobHistoryCleanup.class.getName());
    public static final int RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 36_500;

    @Inject
    JobHistory history;

    @Schedule(hour = "3", minute = "17", persistent = false, info = "JBeret job history clean-up")
    void nightly() {
        try {
            int removed = history.purgeOlderThan(RETENTION_DAYS);
            LOG.log(Level.INFO, "removed {0} job executions older than {1} days", new Object[] {removed, RETENTION_DAYS});
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job history clean-up failed (tried again tomorrow): {0}", e.toString());
        }
    }

    /** Removes the job history older than the given days now; returns how many job executions went. */
    public int purgeOlderThan(int days) {
        if (days < 1 || days > MAX_RETENTION_DAYS) {
            throw new InvalidInputException("olderThanDays", "must be between 1 and " + MAX_RETENTION_DAYS);
        }
        return history.purgeOlderThan(days);
    }
}
