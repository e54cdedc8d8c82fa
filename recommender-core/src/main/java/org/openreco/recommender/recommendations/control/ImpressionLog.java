package org.openreco.recommender.recommendations.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes what answers showed: one row per item with its position, source and score, under each answer's
 * request id, any number of answers in one statement.
 */
public final class ImpressionLog {

    /** One answer's impressions. */
    public record Shown(long catalogueId, UUID requestId, Long userId, List<Candidate> candidates) {
    }

    private ImpressionLog() {
    }

    public static void write(Connection connection, long catalogueId, UUID requestId, Long userId, List<Candidate> shown)
            throws SQLException {
        write(connection, List.of(new Shown(catalogueId, requestId, userId, shown)));
    }

    /**
     * One row per answer, all answers in one statement: the items, sources and scores of every answer go as
     * three flat arrays, and each answer's row takes its slice of them.
     */
    public static void write(Connection connection, List<Shown> answers) throws SQLException {
        var catalogues = new ArrayList<Long>();
        var requests = new ArrayList<UUID>();
        var users = new ArrayList<Long>();
        var firsts = new ArrayList<Integer>();
        var lasts = new ArrayList<Integer>();
        var items = new ArrayList<Long>();
        var sources = new ArrayList<String>();
        var scores = new ArrayList<Double>();
        for (var answer : answers) {
            if (answer.candidates().isEmpty()) {
                continue;
            }
            catalogues.add(answer.catalogueId());
            requests.add(answer.requestId());
            users.add(answer.userId());
            firsts.add(items.size() + 1);
            for (var shown : answer.candidates()) {
                items.add(shown.id());
                sources.add(shown.source().label());
                scores.add(shown.score());
            }
            lasts.add(items.size());
        }
        if (items.isEmpty()) {
            return;
        }
        try (var ps = connection.prepareStatement("""
                insert into impression_list (catalogue_id, request_id, user_id, item_ids, sources, scores)
                select a.catalogue_id, a.request_id, a.user_id, i.items[a.first:a.last], i.sources[a.first:a.last],
                       i.scores[a.first:a.last]
                  from unnest(?::bigint[], ?::uuid[], ?::bigint[], ?::int[], ?::int[])
                       as a(catalogue_id, request_id, user_id, first, last),
                       (select ?::bigint[] as items, ?::text[] as sources, ?::float8[] as scores) i""")) {
            ps.setArray(1, connection.createArrayOf("bigint", catalogues.toArray()));
            ps.setArray(2, connection.createArrayOf("uuid", requests.toArray()));
            ps.setArray(3, connection.createArrayOf("bigint", users.toArray()));
            ps.setArray(4, connection.createArrayOf("int4", firsts.toArray()));
            ps.setArray(5, connection.createArrayOf("int4", lasts.toArray()));
            ps.setArray(6, connection.createArrayOf("bigint", items.toArray()));
            ps.setArray(7, connection.createArrayOf("text", sources.toArray()));
            ps.setArray(8, connection.createArrayOf("float8", scores.toArray()));
            ps.executeUpdate();
        }
    }
}
