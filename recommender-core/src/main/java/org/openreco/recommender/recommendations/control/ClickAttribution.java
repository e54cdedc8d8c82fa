package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Attributes clicks to impressions: an impression is clicked when an interaction with a positive
 * weight names its request id and its item and arrived after it was shown. Counted per UTC day and
 * source from the impression side (one click per impression however many events carry it), so the
 * CTR of a day is that day's impressions' share that led somewhere, whenever the click came.
 *
 * <p>The impressions of the window come from impression_list_catalogue_shown (unnested by the view
 * impression); each one's click is one probe of interaction_request (a request id names one answer, so
 * few rows share it).
 */
public final class ClickAttribution {

    /** One day's impressions of one source and how many of them were clicked. */
    public record Day(LocalDate day, String source, long impressions, long clicks) {
    }

    private final Connection connection;

    public ClickAttribution(Connection connection) {
        this.connection = connection;
    }

    /** The last {@code days} UTC days up to and including {@code today}, oldest day first, then by source. */
    public List<Day> daily(long catalogueId, LocalDate today, int days) throws SQLException {
        try (var ps = connection.prepareStatement("""
                select (s.shown_at at time zone 'UTC')::date as day, s.source, count(*) as impressions,
                       count(*) filter (where exists (
                           select 1 from interaction e
                            where e.request_id = s.request_id and e.item_id = s.item_id
                              and e.catalogue_id = s.catalogue_id and e.weight > 0
                              and e.received_at >= s.shown_at)) as clicks
                  from impression s
                 where s.catalogue_id = ?
                   and s.shown_at >= cast(cast(? as date) - ? as timestamp) at time zone 'UTC'
                   and s.shown_at < cast(cast(? as date) + 1 as timestamp) at time zone 'UTC'
                 group by 1, 2
                 order by 1, 2""")) {
            ps.setLong(1, catalogueId);
            ps.setObject(2, today);
            ps.setInt(3, days - 1);
            ps.setObject(4, today);
            var rows = new ArrayList<Day>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Day(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return rows;
        }
    }
}
