package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;
import org.openreco.recommender.embedding.control.VectorSql;
import org.openreco.recommender.ranking.Ahead;
import org.openreco.recommender.ranking.SourceRanking;
import org.openreco.recommender.ranking.Ranked;
import org.openreco.recommender.ranking.RankingPipeline;
import org.openreco.recommender.ranking.RankingUser;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * A storefront user's recommendations: the user read in one round trip (their factors in the active
 * model, taste vector in the active generation, recent positive items and every item they interacted
 * with), ranked by the {@link RankingPipeline} over the catalogue's in-memory {@link ServingState}. Only
 * a filter on attributes costs another query (which items match), and content another one when the
 * catalogue's vectors are over the memory budget (a pgvector search).
 */
public final class HybridRanking {

    private HybridRanking() {
    }

    /** The answer and the user it was for (null: unknown to the catalogue). */
    public record Ranked(Long userId, List<Candidate> candidates) {
    }

    /** The user as serving reads them, their internal id, and their rankings computed ahead (null: none current). */
    record ServingUser(long id, RankingUser user, SourceRanking contentAhead, SourceRanking collaborativeAhead) {
    }

    public static Ranked forUser(Connection connection, ServingState state, String externalUser, ItemFilters filters, int n,
            double diversity) throws SQLException {
        var user = user(connection, state, externalUser);
        var ranking = user == null ? RankingUser.UNKNOWN : user.user();
        IntPredicate eligible = eligible(connection, state, filters);
        int perSource = RankingPipeline.CANDIDATES_PER_RESULT * n * (diversity > 0 ? 2 : 1);
        SourceRanking content = null;
        if (user != null && ranking.taste() != null && state.hasVectors() && state.ranking().weights().content() > 0) {
            if (user.contentAhead() != null && user.contentAhead().suffices(eligible, perSource)) {
                content = user.contentAhead();
            } else if (!state.ranking().hasVectors()) {
                content = searchContent(connection, state, user, filters.seenBy(user.id()), perSource);
            }
        }
        SourceRanking collaborative = user != null && user.collaborativeAhead() != null
                && user.collaborativeAhead().suffices(eligible, perSource) ? user.collaborativeAhead() : null;
        var ranked = RankingPipeline.rank(state.ranking(), ranking, eligible, n, diversity, new Ahead(content, collaborative));
        var candidates = new ArrayList<Candidate>(ranked.size());
        for (var r : ranked) {
            candidates.add(candidate(state, r));
        }
        return new Ranked(user == null ? null : user.id(), candidates);
    }

    static Candidate candidate(ServingState state, org.openreco.recommender.ranking.Ranked r) {
        int i = r.item();
        String anchor = r.anchor() < 0 ? null : state.titles()[r.anchor()];
        return new Candidate(state.itemIds()[i], state.externalIds()[i], state.titles()[i], state.categories()[i], r.score(),
                r.source(), anchor, reason(r.source(), anchor, state.categories()[i]));
    }

    /** Why a user sees an item of their list; null where the source's own reason fits (trending). */
    static String reason(Source source, String anchor, List<String> categories) {
        return switch (source) {
            case COLLABORATIVE, ITEM_TO_ITEM, EASE, RP3BETA -> anchor == null ? "liked by people with your taste"
                    : "because you watched ‹" + anchor + "›";
            case CONTENT -> anchor != null ? "similar to ‹" + anchor + "› you liked"
                    : categories.isEmpty() ? "matches your taste" : "matches your taste in ‹" + categories.getFirst() + "›";
            case TRENDING, LATEST, SEARCH -> null;
        };
    }

    /** Available, not excluded, in one of the wanted categories, with the wanted attributes. */
    static IntPredicate eligible(Connection connection, ServingState state, ItemFilters filters) throws SQLException {
        BitSet allowed = (BitSet) state.available().clone();
        for (String external : filters.excludedExternalIds()) {
            Integer index = state.indexByExternalId().get(external);
            if (index != null) {
                allowed.clear(index);
            }
        }
        for (long id : filters.excludedIds()) {
            int index = state.index(id);
            if (index >= 0) {
                allowed.clear(index);
            }
        }
        if (!filters.categories().isEmpty()) {
            var wanted = filters.categories();
            for (int i = allowed.nextSetBit(0); i >= 0; i = allowed.nextSetBit(i + 1)) {
                if (state.categories()[i].stream().noneMatch(wanted::contains)) {
                    allowed.clear(i);
                }
            }
        }
        if (!filters.attributes().isEmpty()) {
            var matching = new BitSet(state.itemIds().length);
            var attributes = new ItemFilters(null, List.of(), List.of(), List.of(), filters.attributes());
            try (var ps = connection.prepareStatement("select i.id from item i where i.catalogue_id = ?" + attributes.sql())) {
                ps.setLong(1, state.catalogueId());
                attributes.bind(connection, ps, 2);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int index = state.index(rs.getLong(1));
                        if (index >= 0) {
                            matching.set(index);
                        }
                    }
                }
            }
            allowed.and(matching);
        }
        return allowed::get;
    }

    /**
     * The user with what the sources need, or null when the catalogue does not know them. Their seen items
     * come as every event's item, repeats included: the pipeline makes a set of them, and removing the
     * repeats in the query was its costliest step for users with thousands of events.
     */
    static ServingUser user(Connection connection, ServingState state, String externalUser) throws SQLException {
        String factors = state.hasCollaborativeModel() ? VectorSql.column("f.factors") : "null";
        String joins = (state.hasCollaborativeModel() ? """
                  left join user_factor f on f.model_version_id = %d and f.user_id = u.id
                  left join collaborative_candidates k on k.model_version_id = f.model_version_id and k.user_id = u.id
                                                      and k.factors_at = f.updated_at
                """.formatted(state.modelVersionId()) : "") + (state.hasVectors() ? """
                  left join %s v on v.generation_id = %d and v.user_id = u.id
                  left join content_candidates c on c.generation_id = v.generation_id and c.user_id = u.id
                                                and c.taste_at = v.embedded_at
                """.formatted(state.model().userTable(), state.generationId()) : "");
        try (var ps = connection.prepareStatement("""
                select u.id, %s, %s,
                       array(select r.item_id from (select x.item_id, max(x.occurred_at) as at, max(x.id) as last
                                                      from (select item_id, occurred_at, id from interaction
                                                             where user_id = u.id and weight > 0
                                                             order by occurred_at desc, id desc limit %d) x
                                                     group by x.item_id) r
                              order by r.at desc, r.last desc),
                       array(select x.item_id from interaction x where x.user_id = u.id),
                       %s, %s
                  from app_user u
                %s
                 where u.catalogue_id = ? and u.external_id = ?""".formatted(factors,
                state.hasVectors() ? VectorSql.column("v.embedding") : "null", RankingPipeline.HISTORY,
                state.hasVectors() ? "c.items, c.scores, c.complete" : "null, null, null",
                state.hasCollaborativeModel() ? "k.items, k.scores, k.complete" : "null, null, null", joins))) {
            ps.setLong(1, state.catalogueId());
            ps.setString(2, externalUser);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                float[] userFactors = VectorSql.read(rs, 2);
                if (userFactors != null && userFactors.length > state.ranking().factors()) {
                    userFactors = java.util.Arrays.copyOf(userFactors, state.ranking().factors());
                }
                return new ServingUser(rs.getLong(1), new RankingUser(state.ranking().hasFactors() ? userFactors : null,
                        VectorSql.read(rs, 3), indices(state, rs.getArray(4)), indices(state, rs.getArray(5))),
                        ahead(state, rs.getArray(6), rs.getArray(7), rs.getBoolean(8)),
                        state.ranking().hasFactors() ? ahead(state, rs.getArray(9), rs.getArray(10), rs.getBoolean(11)) : null);
            }
        }
    }

    /** The stored ranking as item indices; items this node's state does not hold (yet) are passed over. */
    private static SourceRanking ahead(ServingState state, java.sql.Array items, java.sql.Array scores,
            boolean complete) throws SQLException {
        if (items == null || scores == null) {
            return null;
        }
        Long[] ids = (Long[]) items.getArray();
        Float[] cosines = (Float[]) scores.getArray();
        int[] indices = new int[ids.length];
        float[] kept = new float[ids.length];
        int size = 0;
        for (int r = 0; r < ids.length; r++) {
            int index = state.index(ids[r]);
            if (index >= 0) {
                indices[size] = index;
                kept[size++] = cosines[r];
            }
        }
        int[] anchors = new int[size];
        java.util.Arrays.fill(anchors, -1);
        return new SourceRanking(java.util.Arrays.copyOf(indices, size), java.util.Arrays.copyOf(kept, size), anchors,
                complete);
    }

    private static int[] indices(ServingState state, java.sql.Array array) throws SQLException {
        Long[] ids = (Long[]) array.getArray();
        int[] indices = new int[ids.length];
        int size = 0;
        for (Long id : ids) {
            int index = state.index(id);
            if (index >= 0) {
                indices[size++] = index;
            }
        }
        return java.util.Arrays.copyOf(indices, size);
    }

    /**
     * Content by pgvector for a catalogue whose vectors are over the memory budget; each found item is
     * explained by the user's recent item the search found nearest to it.
     */
    private static SourceRanking searchContent(Connection connection, ServingState state, ServingUser user,
            ItemFilters filters, int perSource) throws SQLException {
        // for the connection's session: an answer runs in auto-commit, where a local setting would end with this statement
        try (var ps = connection.prepareStatement(
                "select set_config('hnsw.ef_search', ?, false), set_config('hnsw.iterative_scan', 'relaxed_order', false)")) {
            ps.setString(1, Integer.toString(ServingGeneration.efSearch(perSource)));
            ps.execute();
        }
        var found = NearestItems.nearest(connection, state.generation(), user.user().taste(), filters, user.id(), List.of(),
                Source.CONTENT, perSource);
        var recentByTitle = new java.util.HashMap<String, Integer>();
        for (int recent : user.user().recent()) {
            recentByTitle.putIfAbsent(state.titles()[recent], recent);
        }
        int[] items = new int[found.size()];
        float[] scores = new float[found.size()];
        int[] anchors = new int[found.size()];
        int size = 0;
        for (Candidate c : found) {
            int index = state.index(c.id());
            if (index >= 0) {
                items[size] = index;
                scores[size] = (float) c.score();
                anchors[size++] = c.nearestAnchor() == null ? -1 : recentByTitle.getOrDefault(c.nearestAnchor(), -1);
            }
        }
        return new SourceRanking(java.util.Arrays.copyOf(items, size), java.util.Arrays.copyOf(scores, size),
                java.util.Arrays.copyOf(anchors, size));
    }
}
