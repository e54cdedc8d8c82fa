package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import org.openreco.recommender.ranking.TrendingRanking;

/**
 * Trending as {@link TrendingRanking} defines it, computed in SQL over a catalogue's events: per item the
 * sum of its interactions' weights, each halved per half-life of age, over the window before the
 * catalogue's latest interaction; items outside the window follow by all-time weight. The serving state
 * keeps the ranking and recomputes it every {@link #CACHE_FOR}.
 */
public final class Trending {

    static final Duration CACHE_FOR = Duration.ofSeconds(10);

    /** A ranking of items: internal ids best first, with their scores. */
    public record Ranked(long[] ids, double[] scores) {
    }

    static Ranked compute(Connection connection, long catalogueId) throws SQLException {
        int ranked = TrendingRanking.RANKED;
        var scores = new LinkedHashMap<Long, Double>();
        // The latest time is read through scalar subqueries, which PostgreSQL runs once (init plans).
        // Joined as a row instead, a catalogue filled since the last ANALYZE looked like one row to the
        // planner, which then re-ran the max() for every interaction: minutes for 40,000 events, while
        // every request that missed the cache waited. float8: numeric power() is ten times slower.
        try (var ps = connection.prepareStatement("""
                with latest as (select max(occurred_at) as at from interaction where catalogue_id = ?)
                select x.item_id,
                       sum(x.weight * power(0.5, extract(epoch from (select at from latest) - x.occurred_at)::float8 / ?)) as score
                  from interaction x
                 where x.catalogue_id = ? and x.occurred_at > (select at from latest) - make_interval(secs => ?)
                 group by x.item_id
                having sum(x.weight) > 0
                 order by score desc, x.item_id
                 limit ?""")) {
            ps.setLong(1, catalogueId);
            ps.setDouble(2, TrendingRanking.HALF_LIFE.toSeconds());
            ps.setLong(3, catalogueId);
            ps.setDouble(4, TrendingRanking.WINDOW.toSeconds());
            ps.setInt(5, ranked);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    scores.put(rs.getLong(1), rs.getDouble(2));
                }
            }
        }
        if (scores.size() < ranked) {
            // a quiet week: the all-time favourites follow, below every item of the window
            try (var ps = connection.prepareStatement("""
                    select item_id, sum(weight) from interaction where catalogue_id = ?
                     group by item_id having sum(weight) > 0 order by 2 desc, item_id limit ?""")) {
                ps.setLong(1, catalogueId);
                ps.setInt(2, ranked * 2);
                try (var rs = ps.executeQuery()) {
                    while (rs.next() && scores.size() < ranked) {
                        scores.putIfAbsent(rs.getLong(1), 0.0);
                    }
                }
            }
        }
        long[] ids = new long[scores.size()];
        double[] values = new double[scores.size()];
        int i = 0;
        for (var entry : scores.entrySet()) {
            ids[i] = entry.getKey();
            values[i++] = entry.getValue();
        }
        return new Ranked(ids, values);
    }
}
