package org.openreco.recommender.recommendations.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.openreco.recommender.catalog.boundary.Catalogues;
import org.openreco.recommender.platform.boundary.InvalidInputException;
import org.openreco.recommender.recommendations.control.ClickAttribution;

/** Online quality: how often what each source showed was clicked, per day, from the impression log. */
@Stateless
public class ClickThrough {

    public static final int MAX_DAYS = 365;

    @Inject
    Catalogues catalogues;

    @Resource(lookup = "java:jboss/datasources/RecommenderDS")
    DataSource dataSource;

    /** The last {@code days} UTC days, today included. */
    public ClickThroughReport daily(String catalogue, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("days", "must be between 1 and " + MAX_DAYS + " (was " + days + ")");
        }
        long id = catalogues.get(catalogue).getId();
        var today = LocalDate.now(ZoneOffset.UTC);
        try (var connection = dataSource.getConnection()) {
            var rows = new ClickAttribution(connection).daily(id, today, days).stream()
                    .map(d -> new DailyClickThrough(d.day(), d.source(), d.impressions(), d.clicks(),
                            (double) d.clicks() / d.impressions()))
                    .toList();
            return new ClickThroughReport(catalogue, today.minusDays(days - 1), today, rows);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the click-through of '" + catalogue + "' failed", e);
        }
    }
}
