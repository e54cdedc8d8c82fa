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

    public static void write(Connection connection, List<Shown> answers) throws SQLException {
        var catalogues = new ArrayList<Long>();
        var requests = new ArrayList<UUID>();
        var users = new ArrayList<Long>();
        var items = new ArrayList<Long>();
        var positions = new ArrayList<Integer>();
        var sources = new ArrayList<String>();
        var scores = new ArrayList<Double>();
        for (var answer : answers) {
            for (int i = 0; i < answer.candidates().size(); i++) {
                var shown = answer.candidates().get(i);
                catalogues.add(answer.catalogueId());
                requests.add(answer.requestId());
                users.add(answer.userId());
                items.add(shown.id());
                positions.add(i);
                sources.add(shown.source().label());
                scores.add(shown.score());
            }
        }
        if (items.isEmpty()) {
            return;
        }
        try (var ps = connection.prepareStatement("""
                insert into impression (catalogue_id, request_id, user_id, item_id, position, source, score)
                select * from unnest(?::bigint[], ?::uuid[], ?::bigint[], ?::bigint[], ?::int[], ?::text[], ?::float8[])""")) {
            ps.setArray(1, connection.createArrayOf("bigint", catalogues.toArray()));
            ps.setArray(2, connection.createArrayOf("uuid", requests.toArray()));
            ps.setArray(3, connection.createArrayOf("bigint", users.toArray()));
            ps.setArray(4, connection.createArrayOf("bigint", items.toArray()));
            ps.setArray(5, connection.createArrayOf("int4", positions.toArray()));
            ps.setArray(6, connection.createArrayOf("text", sources.toArray()));
            ps.setArray(7, connection.createArrayOf("float8", scores.toArray()));
            ps.executeUpdate();
        }
    }
}
