package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openreco.recommender.recommendations.entity.Source;

/**
 * The pgvector SQL of serving: the vectors of a user or of items in the serving generation, and the
 * items nearest to a vector through the model's HNSW index, filtered. The caller has set the search
 * parameters for its transaction ({@link ServingGeneration#resolve}); with an iterative scan the index
 * keeps producing neighbours until the filters let n through, in roughly ascending distance
 * ({@code relaxed_order}), so the n rows are re-sorted outside the limited scan.
 */
public final class NearestItems {

    /** How many of a user's latest positive interactions can explain a recommendation. */
    static final int ANCHORS_FROM_HISTORY = 50;

    private NearestItems() {
    }

    /** A user of the catalogue: internal id and serving vector (null while it has none). */
    public record UserVector(long userId, float[] vector) {
    }

    /** The user, or null when the catalogue does not know them. */
    public static UserVector user(Connection connection, ServingGeneration generation, String externalId) throws SQLException {
        String sql = generation.hasVectors()
                ? "select u.id, cast(v.embedding as text) from app_user u left join " + generation.model().userTable()
                        + " v on v.generation_id = ? and v.user_id = u.id where u.catalogue_id = ? and u.external_id = ?"
                : "select u.id, null from app_user u where ? is null and u.catalogue_id = ? and u.external_id = ?";
        try (var ps = connection.prepareStatement(sql)) {
            ps.setObject(1, generation.generationId(), java.sql.Types.BIGINT);
            ps.setLong(2, generation.catalogueId());
            ps.setString(3, externalId);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String vector = rs.getString(2);
                return new UserVector(rs.getLong(1), vector == null ? null : Vectors.parse(vector));
            }
        }
    }

    /** An item of the catalogue with its vector (null while it is not embedded). */
    public record ItemVector(long itemId, String externalId, String title, float[] vector) {
    }

    /** The items among the external ids that exist, by external id; the vector is null where not embedded. */
    public static Map<String, ItemVector> items(Connection connection, ServingGeneration generation, List<String> externalIds)
            throws SQLException {
        String vectors = generation.hasVectors()
                ? "(select cast(v.embedding as text) from " + generation.model().itemTable()
                        + " v where v.generation_id = ? and v.item_id = i.id)"
                : "(select null where ? is null)";
        var found = new LinkedHashMap<String, ItemVector>();
        try (var ps = connection.prepareStatement("select i.id, i.external_id, i.title, " + vectors
                + " from item i where i.catalogue_id = ? and i.external_id = any(?)")) {
            ps.setObject(1, generation.generationId(), java.sql.Types.BIGINT);
            ps.setLong(2, generation.catalogueId());
            ps.setArray(3, connection.createArrayOf("text", externalIds.toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    String vector = rs.getString(4);
                    found.put(rs.getString(2), new ItemVector(rs.getLong(1), rs.getString(2), rs.getString(3),
                            vector == null ? null : Vectors.parse(vector)));
                }
            }
        }
        return found;
    }

    /**
     * The n items nearest to the query vector that pass the filters, nearest first, scored by cosine
     * similarity. Each carries the title of its nearest anchor: one of the {@code anchorsOf} user's latest
     * positively weighted items, or of the given anchor items.
     */
    public static List<Candidate> nearest(Connection connection, ServingGeneration generation, float[] query,
            ItemFilters filters, Long anchorsOf, List<Long> anchorIds, Source source, int n) throws SQLException {
        String items = generation.model().itemTable();
        String sql = """
                with anchors as materialized (
                    select a.title, h.embedding
                      from %1$s h join item a on a.id = h.item_id
                     where h.generation_id = ?
                       and h.item_id in (select r.item_id
                                           from (select x.item_id from interaction x
                                                  where x.user_id = ? and x.weight > 0
                                                  order by x.occurred_at desc limit %2$d) r
                                         union
                                         select unnest(cast(? as bigint[])))
                )
                select c.item_id, c.external_id, c.title, c.categories, 1 - c.distance,
                       (select a.title from anchors a order by a.embedding <=> c.embedding limit 1)
                  from (select v.item_id, i.external_id, i.title, i.categories, v.embedding,
                               v.embedding <=> cast(? as vector) as distance
                          from %1$s v join item i on i.id = v.item_id
                         where v.generation_id = ?%3$s
                         order by distance
                         limit ?) c
                 order by c.distance""".formatted(items, ANCHORS_FROM_HISTORY, filters.sql());
        var found = new ArrayList<Candidate>(n);
        try (var ps = connection.prepareStatement(sql)) {
            int index = 1;
            ps.setLong(index++, generation.generationId());
            ps.setObject(index++, anchorsOf, java.sql.Types.BIGINT);
            ps.setArray(index++, connection.createArrayOf("bigint", anchorIds.toArray()));
            ps.setString(index++, Vectors.text(query));
            ps.setLong(index++, generation.generationId());
            index = filters.bind(connection, ps, index);
            ps.setInt(index, n);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), categories(rs, 4),
                            rs.getDouble(5), source, rs.getString(6)));
                }
            }
        }
        return found;
    }

    static List<String> categories(ResultSet rs, int column) throws SQLException {
        var array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
