package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.openreco.recommender.embedding.control.VectorSql;
import org.openreco.recommender.recommendations.control.HybridScores.Proposal;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * The candidate sources of a user's hybrid recommendations, in one statement (one round trip, one plan):
 * <ul>
 * <li>{@code collaborative}: the items with the highest inner product with the user's factors in the
 * active model version (inner-product HNSW, iterative scan past the other versions and the filtered
 * items), explained by the history item whose factors point most the same way;
 * <li>{@code content}: the items nearest to the user's taste vector (cosine HNSW), explained by the
 * nearest history item;
 * <li>{@code item-to-item}: the trained neighbours of the user's recent positive items, similarities
 * summed, explained by the history item with the most similar neighbour;
 * <li>{@code trending}: the cached popularity ranking.
 * </ul>
 * The user's vectors are read inside the statement (an InitPlan the index scan orders by), so they
 * never travel to Java and back. Each source applies the filters itself, so each gives up to
 * {@code perSource} eligible candidates.
 */
public final class HybridCandidates {

    private HybridCandidates() {
    }

    /** The user as the sources see them: which of their query vectors exist. */
    public record ServingUser(long id, boolean hasTaste, boolean hasFactors) {
    }

    /** Which sources to ask, and for how many candidates each. */
    public record Ask(boolean collaborative, boolean content, boolean itemToItem, Ranked trending, int perSource,
            boolean withVectors) {
    }

    /** A cached ranking of items (trending): ids best first, with their scores. */
    public record Ranked(long[] ids, double[] scores) {
    }

    /** A proposal with what the answer shows of its item, and the item's content vector when asked for. */
    public record Found(Proposal proposal, String externalId, String title, List<String> categories, float[] vector) {
    }

    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement ps, int index) throws SQLException;
    }

    public static List<Found> find(Connection connection, ServingGeneration serving, ServingUser user, ItemFilters filters,
            Ask ask) throws SQLException {
        var sources = new ArrayList<String>();
        var binders = new ArrayList<Binder>();
        boolean collaborative = ask.collaborative() && user.hasFactors() && serving.hasCollaborativeModel();
        boolean content = ask.content() && user.hasTaste() && serving.hasVectors();
        // the recent items with the vectors their explanations compare against, read once (not per candidate)
        var sql = new StringBuilder("""
                with history as materialized (
                    select r.item_id, %s as factors, %s as embedding
                      from (select x.item_id from interaction x where x.user_id = ? and x.weight > 0
                             order by x.occurred_at desc, x.id desc limit %d) r)""".formatted(
                collaborative ? "(select hf.factors from item_factor hf where hf.model_version_id = ? and hf.item_id = r.item_id)" : "null",
                content ? "(select hv.embedding from " + serving.model().itemTable() + " hv where hv.generation_id = ? and hv.item_id = r.item_id)"
                        : "null",
                NearestItems.ANCHORS_FROM_HISTORY));
        if (collaborative) {
            long version = serving.modelVersionId();
            binders.add((ps, i) -> set(ps, i, version));
        }
        if (content) {
            long generation = serving.generationId();
            binders.add((ps, i) -> set(ps, i, generation));
        }
        binders.add((ps, i) -> set(ps, i, user.id()));
        Binder filter = (ps, i) -> filters.bind(connection, ps, i);
        Binder limit = (ps, i) -> {
            ps.setInt(i, ask.perSource());
            return i + 1;
        };
        if (collaborative) {
            sql.append("""
                    , collaborative as (
                        select c.item_id, -c.distance as score,
                               (select h.item_id from history h where h.factors is not null
                                 order by h.factors <=> c.factors limit 1) as anchor
                          from (select f.item_id, f.factors,
                                       f.factors <#> (select u.factors from user_factor u
                                                       where u.model_version_id = ? and u.user_id = ?) as distance
                                  from item_factor f join item i on i.id = f.item_id
                                 where f.model_version_id = %d%s
                                 order by distance limit ?) c)""".formatted(serving.modelVersionId(), filters.sql()));
            // the version as a literal: only then can the planner use its partial HNSW index (V053)
            long version = serving.modelVersionId();
            binders.addAll(List.of((ps, i) -> set(ps, i, version), (ps, i) -> set(ps, i, user.id()), filter, limit));
            sources.add("collaborative");
        }
        if (content) {
            String items = serving.model().itemTable();
            sql.append("""
                    , content as (
                        select c.item_id, 1 - c.distance as score,
                               (select h.item_id from history h where h.embedding is not null
                                 order by h.embedding <=> c.embedding limit 1) as anchor
                          from (select v.item_id, v.embedding,
                                       v.embedding <=> (select u.embedding from %2$s u
                                                         where u.generation_id = ? and u.user_id = ?) as distance
                                  from %1$s v join item i on i.id = v.item_id
                                 where v.generation_id = ?%3$s
                                 order by distance limit ?) c)""".formatted(items, serving.model().userTable(), filters.sql()));
            long generation = serving.generationId();
            binders.addAll(List.of((ps, i) -> set(ps, i, generation), (ps, i) -> set(ps, i, user.id()),
                    (ps, i) -> set(ps, i, generation), filter, limit));
            sources.add("content");
        }
        if (ask.itemToItem() && serving.hasCollaborativeModel()) {
            sql.append("""
                    , neighbours as (
                        select n.neighbour_id as item_id, sum(n.similarity) as score,
                               (array_agg(s.item_id order by n.similarity desc))[1] as anchor
                          from history h join item_neighbours s on s.model_version_id = ? and s.item_id = h.item_id
                         cross join lateral unnest(s.neighbour_ids, s.similarities) as n(neighbour_id, similarity)
                          join item i on i.id = n.neighbour_id
                         where true%s
                         group by n.neighbour_id
                         order by score desc, n.neighbour_id limit ?)""".formatted(filters.sql()));
            long version = serving.modelVersionId();
            binders.addAll(List.of((ps, i) -> set(ps, i, version), filter, limit));
            sources.add("neighbours");
        }
        if (ask.trending() != null && ask.trending().ids().length > 0) {
            sql.append("""
                    , trending as (
                        select t.item_id, t.score, cast(null as bigint) as anchor
                          from unnest(cast(? as bigint[]), cast(? as float8[])) with ordinality as t(item_id, score, rank)
                          join item i on i.id = t.item_id
                         where i.catalogue_id = ?%s
                         order by t.rank limit ?)""".formatted(filters.sql()));
            binders.addAll(List.of((ps, i) -> {
                ps.setArray(i, connection.createArrayOf("bigint", boxed(ask.trending().ids())));
                ps.setArray(i + 1, connection.createArrayOf("float8", boxed(ask.trending().scores())));
                return i + 2;
            }, (ps, i) -> set(ps, i, serving.catalogueId()), filter, limit));
            sources.add("trending");
        }
        if (sources.isEmpty()) {
            return List.of();
        }
        sql.append("\nselect s.source, s.item_id, s.score, i.external_id, i.title, i.categories, a.title");
        boolean vectors = ask.withVectors() && serving.hasVectors();
        sql.append(vectors ? ", " + VectorSql.column("v.embedding") : ", null");
        sql.append("\n  from (");
        for (int s = 0; s < sources.size(); s++) {
            sql.append(s == 0 ? "" : " union all ").append("select '").append(sources.get(s))
                    .append("' as source, item_id, score, anchor from ").append(sources.get(s));
        }
        sql.append(") s join item i on i.id = s.item_id left join item a on a.id = s.anchor");
        if (vectors) {
            sql.append(" left join ").append(serving.model().itemTable()).append(" v on v.generation_id = ? and v.item_id = s.item_id");
            long generation = serving.generationId();
            binders.add((ps, i) -> set(ps, i, generation));
        }
        var found = new ArrayList<Found>();
        try (var ps = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Binder binder : binders) {
                index = binder.bind(ps, index);
            }
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    var proposal = new Proposal(rs.getLong(2), source(rs.getString(1)), rs.getDouble(3), rs.getString(7));
                    found.add(new Found(proposal, rs.getString(4), rs.getString(5), NearestItems.categories(rs, 6),
                            vectors ? VectorSql.read(rs, 8) : null));
                }
            }
        }
        return found;
    }

    private static Source source(String name) {
        return switch (name) {
            case "collaborative" -> Source.COLLABORATIVE;
            case "content" -> Source.CONTENT;
            case "neighbours" -> Source.ITEM_TO_ITEM;
            default -> Source.TRENDING;
        };
    }

    private static int set(PreparedStatement ps, int index, long value) throws SQLException {
        ps.setLong(index, value);
        return index + 1;
    }

    private static Long[] boxed(long[] values) {
        var boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static Double[] boxed(double[] values) {
        var boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
