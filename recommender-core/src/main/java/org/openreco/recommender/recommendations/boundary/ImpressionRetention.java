package org.openreco.recommender.recommendations.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.platform.boundary.Settings;
import org.openreco.recommender.recommendations.control.ImpressionPurge;

/**
 * Keeps the impression log from growing without end: every night each catalogue keeps the impressions
 * of its last {@code -Drecommender.retention.impression-days} (default 90) UTC days, today included, and
 * the older ones are deleted in batches. Only whole days go, so the click-through of every day still
 * reported is what it was. An admin can purge a catalogue now with another retention.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImpressionRetention {

    private static final Logger LOG = Logger.getLogger(ImpressionRetention.class.getName());
    static final String PROPERTY = "recommender.retention.impression-days";
    static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 36_500;

    @Inject
    Catalogues catalogues;

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    @Schedule(hour = "3", minute = "41", persistent = false, info = "impression retention")
    void nightly() {
        int days = retentionDays(Settings.value(PROPERTY));
        long removed = 0;
        for (long catalogueId : catalogueIds()) {
            try {
                removed += purge(catalogueId, days);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "impression clean-up of catalogue {0} failed (tried again tomorrow): {1}",
                        new Object[] {catalogueId, e.toString()});
            }
        }
        LOG.log(Level.INFO, "removed {0} impressions older than {1} days", new Object[] {removed, days});
    }

    /** The configured retention in days, or the default when it is missing or not a positive number. */
    static int retentionDays(String configured) {
        if (configured != null && configured.strip().matches("[1-9][0-9]{0,4}")) {
            return Math.min(Integer.parseInt(configured.strip()), MAX_DAYS);
        }
        return DEFAULT_DAYS;
    }

    /** The retention the nightly clean-up applies. */
    public int configuredDays() {
        return retentionDays(Settings.value(PROPERTY));
    }

    /** Deletes the catalogue's impressions of the UTC days before its last {@code days} now; how many went. */
    public long purge(String catalogue, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("olderThanDays", "must be between 1 and " + MAX_DAYS);
        }
        return purge(catalogues.get(catalogue).getId(), days);
    }

    private long purge(long catalogueId, int days) {
        try (var connection = dataSource.getConnection()) {
            return new ImpressionPurge(connection).before(catalogueId, ImpressionPurge.keptFrom(LocalDate.now(ZoneOffset.UTC), days));
        } catch (SQLException e) {
            throw new IllegalStateException("purging the impressions of catalogue " + catalogueId + " failed", e);
        }
    }

    private List<Long> catalogueIds() {
        try (var connection = dataSource.getConnection();
                var rows = connection.createStatement().executeQuery("select id from catalogue order by id")) {
            var ids = new ArrayList<Long>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "impression clean-up could not list the catalogues (tried again tomorrow): {0}", e.toString());
            return List.of();
        }
    }
}
