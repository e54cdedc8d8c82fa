package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.openreco.recommender.embedding.control.VectorSql;
import org.openreco.recommender.ranking.SourceRanking;
import org.openreco.recommender.ranking.RankingPipeline;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * Computes users' content and collaborative candidates ahead of their requests, so that an answer reads
 * the user's lists with the user instead of scoring every item's vector and factors (or searching
 * pgvector) per request. A content list is due when the user's taste vector was rewritten since it was
 * computed (or it has none yet), and later when the catalogue's items changed; a collaborative one when
 * the user's factors were (a training, a fold-in). Each is the pipeline's own ranking of the items the
 * user has not interacted with, so a request that finds enough eligible items in it gets the same
 * candidates a full scan would; content over the memory budget is a pgvector search.
 */
public final class CandidatesAhead {

    /**
     * Items kept per user: a request for n results needs 3·n content candidates (6·n diversified), so
     * 200 serve the default 10 and up to 33 with any filter that leaves enough of them; a request
     * that needs more scans or searches as before.
     */
    public static final int KEPT = 200;
    /** One number for every node's advisory lock on a catalogue's refresh (the second is the catalogue). */
    private static final int LOCK_SPACE = 0x5EED;

    /** A user whose list is due: when their taste or factors changed, the vector, their interacted items. */
    private record Due(long userId, Timestamp changedAt, float[] vector, long[] seen) {
    }

    private final Connection connection;

    public CandidatesAhead(Connection connection) {
        this.connection = connection;
    }

    /**
     * Refreshes at most {@code limit} of the catalogue's due users per source, taste and factor changes
     * first, in the connection's transaction; returns how many lists, or −1 when another node is at it.
     */
    public int refresh(ServingState state, int limit) throws SQLException {
        boolean content = state.hasVectors() && state.ranking().weights().content() > 0;
        boolean collaborative = state.ranking().hasFactors() && state.ranking().weights().collaborative() > 0;
        if (!content && !collaborative) {
            return 0;
        }
        try (var lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, LOCK_SPACE);
            lock.setInt(2, (int) state.catalogueId());
            try (var rs = lock.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return -1;
                }
            }
        }
        return (content ? refreshContent(state, limit) : 0) + (collaborative ? refreshCollaborative(state, limit) : 0);
    }

    private int refreshContent(ServingState state, int limit) throws SQLException {
        var due = dueContent(state, limit);
        if (due.isEmpty()) {
            return 0;
        }
        try (var upsert = connection.prepareStatement("""
                insert into content_candidates (generation_id, user_id, taste_at, items_stamp, complete, items, scores)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (generation_id, user_id) do update set taste_at = excluded.taste_at,
                    items_stamp = excluded.items_stamp, complete = excluded.complete, items = excluded.items,
                    scores = excluded.scores, computed_at = now()""")) {
            for (var user : due) {
                var ranked = ranking(state, user);
                upsert.setLong(1, state.generationId());
                upsert.setLong(2, user.userId());
                upsert.setTimestamp(3, user.changedAt());
                upsert.setString(4, state.itemsStamp());
                upsert.setBoolean(5, ranked.complete());
                upsert.setArray(6, connection.createArrayOf("bigint", ids(state, ranked)));
                upsert.setArray(7, connection.createArrayOf("real", scores(ranked)));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        return due.size();
    }

    private int refreshCollaborative(ServingState state, int limit) throws SQLException {
        var due = dueCollaborative(state, limit);
        if (due.isEmpty()) {
            return 0;
        }
        try (var upsert = connection.prepareStatement("""
                insert into collaborative_candidates (model_version_id, user_id, factors_at, complete, items, scores)
                values (?, ?, ?, ?, ?, ?)
                on conflict (model_version_id, user_id) do update set factors_at = excluded.factors_at,
                    complete = excluded.complete, items = excluded.items, scores = excluded.scores, computed_at = now()""")) {
            for (var user : due) {
                float[] factors = java.util.Arrays.copyOf(user.vector(), state.ranking().factors());
                var ranked = RankingPipeline.collaborativeRanking(state.ranking(), factors, unseen(state, user), KEPT);
                upsert.setLong(1, state.modelVersionId());
                upsert.setLong(2, user.userId());
                upsert.setTimestamp(3, user.changedAt());
                upsert.setBoolean(4, ranked.complete());
                upsert.setArray(5, connection.createArrayOf("bigint", ids(state, ranked)));
                upsert.setArray(6, connection.createArrayOf("real", scores(ranked)));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        return due.size();
    }

    private static Long[] ids(ServingState state, SourceRanking ranked) {
        var ids = new Long[ranked.items().length];
        for (int r = 0; r < ids.length; r++) {
            ids[r] = state.itemIds()[ranked.items()[r]];
        }
        return ids;
    }

    private static Float[] scores(SourceRanking ranked) {
        var scores = new Float[ranked.scores().length];
        for (int r = 0; r < scores.length; r++) {
            scores[r] = ranked.scores()[r];
        }
        return scores;
    }

    private static java.util.function.IntPredicate unseen(ServingState state, Due user) {
        var seen = new BitSet(state.itemIds().length);
        for (long id : user.seen()) {
            int index = state.index(id);
            if (index >= 0) {
                seen.set(index);
            }
        }
        return i -> !seen.get(i);
    }

    private SourceRanking ranking(ServingState state, Due user) throws SQLException {
        if (state.ranking().hasVectors()) {
            return RankingPipeline.contentRanking(state.ranking(), user.vector(), unseen(state, user), KEPT);
        }
        // approximate and already without unavailable items: never complete, refreshed with the items
        try (var ps = connection.prepareStatement(
                "select set_config('hnsw.ef_search', ?, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)")) {
            ps.setString(1, Integer.toString(ServingGeneration.efSearch(KEPT)));
            ps.execute();
        }
        var found = NearestItems.nearest(connection, state.generation(), user.vector(), ItemFilters.none().seenBy(user.userId()),
                null, List.of(), Source.CONTENT, KEPT);
        int[] items = new int[found.size()];
        float[] scores = new float[found.size()];
        int size = 0;
        for (Candidate c : found) {
            int index = state.index(c.id());
            if (index >= 0) {
                items[size] = index;
                scores[size++] = (float) c.score();
            }
        }
        return new SourceRanking(java.util.Arrays.copyOf(items, size), java.util.Arrays.copyOf(scores, size),
                new int[size], false);
    }

    private List<Due> dueContent(ServingState state, int limit) throws SQLException {
        try (var ps = connection.prepareStatement("""
                select v.user_id, v.embedded_at, %s,
                       array(select distinct x.item_id from interaction x where x.user_id = v.user_id)
                  from %s v
                  left join content_candidates c on c.generation_id = v.generation_id and c.user_id = v.user_id
                 where v.generation_id = ? and v.embedding is not null
                   and (c.user_id is null or c.taste_at <> v.embedded_at or c.items_stamp <> ?)
                 order by (c.user_id is null or c.taste_at <> v.embedded_at) desc, v.user_id
                 limit ?""".formatted(VectorSql.column("v.embedding"), state.model().userTable()))) {
            ps.setLong(1, state.generationId());
            ps.setString(2, state.itemsStamp());
            ps.setInt(3, limit);
            return due(ps);
        }
    }

    private List<Due> dueCollaborative(ServingState state, int limit) throws SQLException {
        try (var ps = connection.prepareStatement("""
                select f.user_id, f.updated_at, %s,
                       array(select distinct x.item_id from interaction x where x.user_id = f.user_id)
                  from user_factor f
                  left join collaborative_candidates k on k.model_version_id = f.model_version_id and k.user_id = f.user_id
                 where f.model_version_id = ? and (k.user_id is null or k.factors_at <> f.updated_at)
                 order by f.user_id
                 limit ?""".formatted(VectorSql.column("f.factors")))) {
            ps.setLong(1, state.modelVersionId());
            ps.setInt(2, limit);
            return due(ps);
        }
    }

    private static List<Due> due(java.sql.PreparedStatement ps) throws SQLException {
        var due = new ArrayList<Due>();
        try (var rs = ps.executeQuery()) {
            while (rs.next()) {
                Long[] seen = (Long[]) rs.getArray(4).getArray();
                due.add(new Due(rs.getLong(1), rs.getTimestamp(2), VectorSql.read(rs, 3),
                        java.util.Arrays.stream(seen).mapToLong(Long::longValue).toArray()));
            }
        }
        return due;
    }
}
