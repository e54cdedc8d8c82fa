package org.openreco.recommender.recommendations.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * Recent, time-decayed popularity: per item the sum of its interactions' weights, each halved per
 * {@link #HALF_LIFE} of age, over the {@link #WINDOW} before the catalogue's latest interaction (not
 * before now: a catalogue that went quiet, or an imported history, still has a "this week"). Items
 * outside the window follow by all-time weight. The ranking is cached per catalogue for
 * {@link #CACHE_FOR}; the filters of each request apply to the cached ranking.
 */
@ApplicationScoped
public class Trending {

    static final Duration HALF_LIFE = Duration.ofDays(3);
    static final Duration WINDOW = Duration.ofDays(7);
    static final Duration CACHE_FOR = Duration.ofSeconds(10);
    /** Ranked items kept per catalogue; requests whose filters leave fewer than n fall back to the newest items. */
    static final int RANKED = 1_000;

    private record Ranking(long[] ids, double[] scores, long expiresAt) {
    }

    private final Map<Long, Ranking> rankings = new ConcurrentHashMap<>();

    /** The n most popular items that pass the filters, then the newest ones if popularity runs out. */
    public List<Candidate> top(Connection connection, long catalogueId, ItemFilters filters, int n) throws SQLException {
        var ranking = ranking(connection, catalogueId);
        var found = new ArrayList<Candidate>(n);
        if (ranking.ids.length > 0) {
            Map<Long, Candidate> passing = new HashMap<>();
            try (var ps = connection.prepareStatement(
                    "select i.id, i.external_id, i.title, i.categories from item i where i.id = any(?)" + filters.sql())) {
                ps.setArray(1, connection.createArrayOf("bigint", boxed(ranking.ids)));
                filters.bind(connection, ps, 2);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        passing.put(rs.getLong(1), new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3),
                                NearestItems.categories(rs, 4), 0, Source.TRENDING, null));
                    }
                }
            }
            for (int i = 0; i < ranking.ids.length && found.size() < n; i++) {
                var candidate = passing.get(ranking.ids[i]);
                if (candidate != null) {
                    found.add(new Candidate(candidate.id(), candidate.externalId(), candidate.title(), candidate.categories(),
                            ranking.scores[i], Source.TRENDING, null));
                }
            }
        }
        if (found.size() < n) {
            found.addAll(latest(connection, catalogueId, filters.excluding(found.stream().map(Candidate::id).toList()),
                    n - found.size()));
        }
        return found;
    }

    /** The first {@code limit} items of the cached ranking, best first, with their scores (for the hybrid's sources). */
    public HybridCandidates.Ranked ranked(Connection connection, long catalogueId, int limit) throws SQLException {
        var ranking = ranking(connection, catalogueId);
        int size = Math.min(limit, ranking.ids.length);
        return new HybridCandidates.Ranked(java.util.Arrays.copyOf(ranking.ids, size), java.util.Arrays.copyOf(ranking.scores, size));
    }

    /** The newest items that pass the filters. */
    static List<Candidate> latest(Connection connection, long catalogueId, ItemFilters filters, int n) throws SQLException {
        var found = new ArrayList<Candidate>(n);
        try (var ps = connection.prepareStatement("select i.id, i.external_id, i.title, i.categories from item i"
                + " where i.catalogue_id = ?" + filters.sql() + " order by i.created_at desc, i.id desc limit ?")) {
            ps.setLong(1, catalogueId);
            int index = filters.bind(connection, ps, 2);
            ps.setInt(index, n);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), NearestItems.categories(rs, 4), 0,
                            Source.LATEST, null));
                }
            }
        }
        return found;
    }

    private Ranking ranking(Connection connection, long catalogueId) throws SQLException {
        long now = System.nanoTime();
        var cached = rankings.get(catalogueId);
        if (cached != null && cached.expiresAt - now > 0) {
            return cached;
        }
        // concurrent misses may compute it twice; cheaper than making every request wait on a lock
        var ranking = compute(connection, catalogueId, now + CACHE_FOR.toNanos());
        rankings.put(catalogueId, ranking);
        return ranking;
    }

    private static Ranking compute(Connection connection, long catalogueId, long expiresAt) throws SQLException {
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
            ps.setDouble(2, HALF_LIFE.toSeconds());
            ps.setLong(3, catalogueId);
            ps.setDouble(4, WINDOW.toSeconds());
            ps.setInt(5, RANKED);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    scores.put(rs.getLong(1), rs.getDouble(2));
                }
            }
        }
        if (scores.size() < RANKED) {
            // a quiet week: the all-time favourites follow, below every item of the window
            try (var ps = connection.prepareStatement("""
                    select item_id, sum(weight) from interaction where catalogue_id = ?
                     group by item_id having sum(weight) > 0 order by 2 desc, item_id limit ?""")) {
                ps.setLong(1, catalogueId);
                ps.setInt(2, RANKED * 2);
                try (var rs = ps.executeQuery()) {
                    while (rs.next() && scores.size() < RANKED) {
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
        return new Ranking(ids, values, expiresAt);
    }

    private static Long[] boxed(long[] ids) {
        var boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return boxed;
    }
}
